import XCTest
import Corpus
import Evaluation
@testable import Embeddings

final class FastTextTrainerTests: XCTestCase {
    static let allVariants: [(Word2VecArchitecture, Word2VecKernel)] = [(.skipGram, .batch), (.skipGram, .plain), (.cbow, .plain)]

    func fastText(_ corpus: Corpus, _ c: Word2VecConfig, _ options: SubwordOptions) throws -> FastTextTrainer {
        try FastTextTrainer(config: c, vocabulary: corpus.vocabulary, corpus: corpus.encoded,
                            rows: SubwordRowTable(SubwordIndex(vocabulary: corpus.vocabulary, options: options)))
    }

    func cosine(_ a: [Float], _ b: [Float]) -> Float {
        var d: Float = 0, na: Float = 0, nb: Float = 0
        for i in a.indices { d += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
        return d / (na.squareRoot() * nb.squareRoot())
    }

    /// Word families (a stem with suffixes) used together in sentences about one topic.
    static func families(sentences: Int, seed: UInt64 = 3) -> String {
        let stems = ["glorb", "flimp", "snark", "twazz", "bropp", "quenk"]
        let suffixes = ["", "s", "ed", "ing", "er"]
        var rng = Xoshiro256(seed: seed)
        var lines: [String] = []
        for _ in 0..<sentences {
            let stem = stems[rng.below(stems.count)]
            lines.append((0..<10).map { _ in
                rng.below(5) == 0 ? "the" : stem + suffixes[rng.below(suffixes.count)]
            }.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testWithoutSubwordsVectorsAreExactlySkipGramAndCBOWs() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 300))
        for (arch, kernel) in Self.allVariants {
            var c = config(arch, kernel, epochs: 2)
            c.sample = 1e-2
            let plain = try Word2VecTrainer(config: c, vocabulary: corpus.vocabulary, corpus: corpus.encoded)
            _ = try plain.train()
            let ft = try fastText(corpus, c, SubwordOptions(minn: 0, maxn: 0))
            _ = try ft.train()
            XCTAssertEqual(ft.table.inputRows, corpus.vocabulary.size)
            for w in 0..<corpus.vocabulary.size {
                XCTAssertEqual(ft.table.inputVector(w), plain.table.inputVector(w), "\(arch) \(kernel) word \(w)")
                XCTAssertEqual(ft.table.outputVector(w), plain.table.outputVector(w), "\(arch) \(kernel) word \(w)")
            }
        }
    }

    func testSameSeedOneThreadGivesIdenticalVectors() throws {
        let corpus = try SyntheticCorpus.build(Self.families(sentences: 200))
        for (arch, kernel) in Self.allVariants {
            var c = config(arch, kernel, epochs: 2)
            c.sample = 1e-2
            let options = SubwordOptions(minn: 3, maxn: 5, buckets: 2000)
            let a = try fastText(corpus, c, options), b = try fastText(corpus, c, options)
            _ = try a.train()
            _ = try b.train()
            for r in stride(from: 0, to: a.table.inputRows, by: 97) {
                XCTAssertEqual(a.table.inputVector(r), b.table.inputVector(r), "\(arch) \(kernel) row \(r)")
            }
        }
    }

    /// Sentences about one topic each; the topics' words share no spelling, so only training can
    /// bring a topic's words together.
    static func topics(sentences: Int = 700, seed: UInt64 = 5) -> String {
        let topics = [["king", "queen", "royal", "crown", "palace"], ["dog", "cat", "pet", "puppy", "kitten"],
                      ["car", "road", "drive", "wheel", "engine"], ["sun", "moon", "star", "sky", "planet"]]
        var rng = Xoshiro256(seed: seed)
        var lines: [String] = []
        for _ in 0..<sentences {
            let topic = topics[rng.below(topics.count)]
            lines.append((0..<10).map { _ in rng.below(4) == 0 ? "the" : topic[rng.below(topic.count)] }.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testTopicsAreLearnedWithSubwords() throws {
        let corpus = try SyntheticCorpus.build(Self.topics())
        let v = corpus.vocabulary
        let groups = [["king", "queen", "royal", "crown", "palace"], ["dog", "cat", "pet", "puppy", "kitten"],
                      ["car", "road", "drive", "wheel", "engine"], ["sun", "moon", "star", "sky", "planet"]]
        for (arch, kernel) in Self.allVariants {
            let ft = try fastText(corpus, config(arch, kernel, epochs: 3), SubwordOptions(minn: 3, maxn: 6, buckets: 5000))
            let summary = try ft.train()
            let losses = summary.epochs.map(\.loss)
            XCTAssertLessThan(losses.last!, losses.first!, "\(arch) \(kernel) loss \(losses)")
            let vectors = try vectorsOf(ft)
            var within: [Float] = [], across: [Float] = []
            for (g, group) in groups.enumerated() {
                for (i, word) in group.enumerated() {
                    let a = vectors[v.id(of: word)!]
                    within.append(cosine(a, vectors[v.id(of: group[(i + 1) % group.count])!]))
                    across.append(cosine(a, vectors[v.id(of: groups[(g + 1) % groups.count][i])!]))
                }
            }
            let w = within.reduce(0, +) / Float(within.count), x = across.reduce(0, +) / Float(across.count)
            XCTAssertGreaterThan(w, x + 0.3, "\(arch) \(kernel): same topic \(w) vs other topics \(x)")
        }
    }

    /// The word vectors as written by `writeVectors` (binary, so exactly).
    func vectorsOf(_ ft: FastTextTrainer) throws -> [[Float]] {
        let path = try SyntheticCorpus.file("", name: "v.bin")
        try ft.writeVectors(to: path, binary: true)
        let file = try VectorReader.readValues(path: path, format: .binary)
        return (0..<file.words.count).map { Array(file.vector($0)) }
    }

    func testUnknownWordsGetVectorsNearTheirFamilyFromTheModelFile() throws {
        let corpus = try SyntheticCorpus.build(Self.families(sentences: 400))
        for (arch, kernel) in Self.allVariants {
            let ft = try fastText(corpus, config(arch, kernel, epochs: 2), SubwordOptions(minn: 3, maxn: 6, buckets: 5000))
            _ = try ft.train()
            let path = try SyntheticCorpus.file("", name: "m.bin")
            try ft.saveModel(to: path, minCount: 1)
            let model = try FastTextModelFile.read(path: path)
            // Known words: the model file gives exactly the written vectors.
            let written = try vectorsOf(ft)
            for id in 0..<corpus.vocabulary.size {
                XCTAssertEqual(model.vector(of: corpus.vocabulary.word(id))?.values, written[id])
            }
            // Unseen inflections land nearer their own family than the others.
            for (stem, other) in [("glorb", "quenk"), ("snark", "flimp"), ("bropp", "twazz")] {
                let unseen = try XCTUnwrap(model.vector(of: stem + "ings"))
                XCTAssertFalse(unseen.inVocabulary)
                let own = cosine(unseen.values, model.vector(of: stem + "ing")!.values)
                let far = cosine(unseen.values, model.vector(of: other + "ing")!.values)
                XCTAssertGreaterThan(own, far + 0.3, "\(arch) \(kernel) \(stem): \(own) vs \(far)")
            }
        }
    }

    func testTwoThreadsTrainAndStayFinite() throws {
        let corpus = try SyntheticCorpus.build(Self.families(sentences: 400))
        var c = config(.skipGram, epochs: 2)
        c.threads = 2
        let ft = try fastText(corpus, c, SubwordOptions(minn: 3, maxn: 6, buckets: 2000))
        let summary = try ft.train()
        XCTAssertEqual(summary.tokens, 2 * corpus.encoded.tokenCount)
        XCTAssertFalse(ft.table.containsNonFinite())
    }

    func testMemoryEstimateCountsTheBucketRowsAndBadOptionsAreRejected() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 50))
        let c = config(.skipGram)
        let rows = SubwordRowTable(SubwordIndex(vocabulary: corpus.vocabulary, options: SubwordOptions(minn: 3, maxn: 6, buckets: 2_000_000)))
        // Only the buckets the vocabulary uses get rows (each word has at most 4 + 5 + 6 + 7 n-grams here).
        XCTAssertGreaterThan(rows.usedBuckets.count, 20)
        XCTAssertLessThanOrEqual(rows.usedBuckets.count, rows.totalRows - corpus.vocabulary.size)
        XCTAssertEqual(rows.inputRows, corpus.vocabulary.size + rows.usedBuckets.count)
        let estimate = FastTextTrainer.memoryEstimate(config: c, rows: rows)
        let bucketRows = rows.usedBuckets.count * EmbeddingTable.stride(for: 16) * 4
        XCTAssertGreaterThan(estimate, bucketRows)
        XCTAssertLessThan(estimate, bucketRows + 2_000_000)
        // (--bucket 0 is refused before an index is built: see the CLI tests.)
        let bad = SubwordRowTable(SubwordIndex(vocabulary: corpus.vocabulary, options: SubwordOptions(minn: 4, maxn: 3, buckets: 10)))
        XCTAssertThrowsError(try FastTextTrainer(config: c, vocabulary: corpus.vocabulary, corpus: corpus.encoded, rows: bad)) {
            XCTAssertTrue("\($0)".contains("--minn (4) must not exceed --maxn (3)"), "\($0)")
        }
    }
}
