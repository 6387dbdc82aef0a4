import XCTest
import Foundation
import Corpus

final class CorpusBuilderTests: XCTestCase {
    func decode(_ corpus: Corpus) -> [[String]] {
        var sentences: [[String]] = [], current: [String] = []
        for id in corpus.encoded.ids {
            if id == EncodedCorpus.sentenceEnd { sentences.append(current); current = [] } else {
                current.append(corpus.vocabulary.word(Int(id)))
            }
        }
        XCTAssertTrue(current.isEmpty, "stream must end with a sentence separator")
        return sentences
    }

    func options(minCount: Int, maxVocab: Int? = nil) -> CorpusOptions {
        var o = CorpusOptions()
        o.minCount = minCount
        o.maxVocab = maxVocab
        return o
    }

    func testOrderIsCountDescendingThenBytesAndStreamDropsRareWords() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("c.txt", "b a c a\n\nzz b a rare\nc b\n")
        let corpus = try CorpusBuilder.build(path: path, options: options(minCount: 2))
        let v = corpus.vocabulary
        XCTAssertEqual((0..<v.size).map(v.word), ["a", "b", "c"]) // a:3, b:3 (a < b), c:2
        XCTAssertEqual(v.counts, [3, 3, 2])
        XCTAssertEqual(v.trainTokens, 8)
        XCTAssertEqual(corpus.statistics.corpusTokens, 10)
        XCTAssertEqual(corpus.statistics.distinctWords, 5)
        XCTAssertEqual(decode(corpus), [["b", "a", "c", "a"], ["b", "a"], ["c", "b"]])
        XCTAssertEqual(corpus.encoded.tokenCount, 8)
        XCTAssertEqual(corpus.encoded.sentenceCount, 3)
    }

    func testGzipAndPlainGiveTheSameCorpus() throws {
        let dir = TemporaryDirectory()
        var rng = Xoshiro256(seed: 3)
        var text = ""
        for _ in 0..<3000 { text += (0..<20).map { _ in "w\(rng.below(300))" }.joined(separator: " ") + "\n" }
        let a = try CorpusBuilder.build(path: dir.file("p.txt", text), options: options(minCount: 1))
        let b = try CorpusBuilder.build(path: dir.gzipFile("g.txt", Array(text.utf8)), options: options(minCount: 1))
        XCTAssertEqual(Array(a.encoded.ids), Array(b.encoded.ids))
        XCTAssertEqual(a.vocabulary.counts, b.vocabulary.counts)
        XCTAssertEqual(a.encoded.tokenCount, 60000)
    }

    func testMaxVocabKeepsTheMostFrequent() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("c.txt", "x x x y y z\n")
        let corpus = try CorpusBuilder.build(path: path, options: options(minCount: 1, maxVocab: 2))
        XCTAssertEqual((0..<corpus.vocabulary.size).map(corpus.vocabulary.word), ["x", "y"])
        XCTAssertEqual(decode(corpus), [["x", "x", "x", "y", "y"]])
    }

    func testPruningBoundsTheTableAndKeepsFrequentWords() throws {
        let dir = TemporaryDirectory()
        var text = ""
        for i in 0..<5000 { text += "the of and u\(i)\n" } // 5000 singletons, 3 frequent words
        var o = options(minCount: 1)
        o.maxDistinctWhileCounting = 1000
        let corpus = try CorpusBuilder.build(path: dir.file("c.txt", text), options: o)
        XCTAssertGreaterThan(corpus.statistics.prunings, 0)
        XCTAssertLessThanOrEqual(corpus.statistics.distinctWords, 1000 + 1)
        let v = corpus.vocabulary
        XCTAssertEqual(Array((0..<3).map(v.word)), ["and", "of", "the"])
        XCTAssertEqual(Array(v.counts.prefix(3)), [5000, 5000, 5000])
    }

    func testEmptyCorpusAndNoWordReachingMinCount() {
        let dir = TemporaryDirectory()
        let empty = dir.file("empty.txt", " \n\n\t \n")
        XCTAssertThrowsError(try CorpusBuilder.build(path: empty)) { error in
            XCTAssertEqual(String(describing: error), "\(empty): empty corpus (no tokens)")
        }
        let rare = dir.file("rare.txt", "a b c\n")
        XCTAssertThrowsError(try CorpusBuilder.build(path: rare, options: options(minCount: 5))) { error in
            XCTAssertTrue(String(describing: error).contains("no word occurs at least 5 times"))
        }
    }

    func testNonsensicalOptionsAreRejected() {
        let dir = TemporaryDirectory()
        let path = dir.file("c.txt", "a b\n")
        XCTAssertThrowsError(try CorpusBuilder.build(path: path, options: options(minCount: 0)))
        XCTAssertThrowsError(try CorpusBuilder.build(path: path, options: options(minCount: 1, maxVocab: 0)))
    }

    func testFixedVocabularyEncodesOnlyItsWords() throws {
        let dir = TemporaryDirectory()
        let vocabPath = dir.file("v.txt", "b 10\na 10\n")
        let vocab = try Vocabulary.load(from: vocabPath)
        let corpus = try CorpusBuilder.build(path: dir.file("c.txt", "a x b b\ny\n"), vocabulary: vocab)
        XCTAssertEqual(decode(corpus), [["a", "b", "b"]])
        XCTAssertEqual(corpus.vocabulary.counts, [10, 10])
    }

    func testShardsCoverTheStreamAndStartAtSentences() throws {
        let dir = TemporaryDirectory()
        var text = ""
        for i in 0..<200 { text += String(repeating: "w\(i % 7) ", count: 1 + i % 13) + "\n" }
        let corpus = try CorpusBuilder.build(path: dir.file("c.txt", text), options: options(minCount: 1))
        for n in [1, 2, 3, 8] {
            let shards = corpus.encoded.shards(n)
            XCTAssertEqual(shards.count, n)
            XCTAssertEqual(shards.first?.lowerBound, 0)
            XCTAssertEqual(shards.last?.upperBound, corpus.encoded.ids.count)
            for (a, b) in zip(shards, shards.dropFirst()) { XCTAssertEqual(a.upperBound, b.lowerBound) }
            for s in shards where s.lowerBound > 0 && !s.isEmpty {
                XCTAssertEqual(corpus.encoded.ids[s.lowerBound - 1], EncodedCorpus.sentenceEnd)
            }
            XCTAssertEqual(shards.map { corpus.encoded.tokens(in: $0) }.reduce(0, +), corpus.encoded.tokenCount)
        }
    }
}

final class VocabularyFileTests: XCTestCase {
    func testSaveLoadRoundTripIncludingInvalidUTF8() throws {
        let dir = TemporaryDirectory()
        let v = Vocabulary(words: [Array("b".utf8), [0xff, 0x61], Array("a".utf8)], counts: [2, 5, 2])
        let path = dir.path + "/vocab.txt"
        try v.save(to: path)
        XCTAssertEqual(dir.read(path), [0xff, 0x61, 0x20, 0x35, 0x0a] + Array("a 2\nb 2\n".utf8))
        let back = try Vocabulary.load(from: path)
        XCTAssertEqual((0..<3).map(back.bytes), [[0xff, 0x61], Array("a".utf8), Array("b".utf8)])
        XCTAssertEqual(back.counts, [5, 2, 2])
    }

    func testMalformedVocabularyLinesNameTheLine() {
        let dir = TemporaryDirectory()
        let cases: [(String, String)] = [
            ("a 1\nnocount\n", ":2: expected 'word count'"),
            ("a 1\nb x\n", ":2: count is not a non-negative integer"),
            ("a 1\nb -3\n", ":2: count is not a non-negative integer"),
            ("a 1\n\na 2\n", ":3: duplicate word"),
        ]
        for (i, (text, expected)) in cases.enumerated() {
            let path = dir.file("v\(i).txt", text)
            XCTAssertThrowsError(try Vocabulary.load(from: path)) { error in
                XCTAssertEqual(String(describing: error), path + expected)
            }
        }
    }
}

final class SamplingTests: XCTestCase {
    func testSubSamplingMatchesWord2VecFormula() {
        let v = Vocabulary(words: [Array("a".utf8), Array("b".utf8)], counts: [9000, 1000])
        let s = SubSampler(vocabulary: v, sample: 1e-3)
        let t = 1e-3 * 10000.0
        XCTAssertEqual(s.keepProbability(0), ((9000 / t).squareRoot() + 1) * t / 9000, accuracy: 1e-6)
        XCTAssertEqual(s.keepProbability(1), ((1000 / t).squareRoot() + 1) * t / 1000, accuracy: 1e-6)
        XCTAssertEqual(SubSampler(vocabulary: v, sample: 0).keepProbability(0), 1)
    }

    func testNoiseDistributionIsUnigramToThePowerThreeQuarters() {
        let counts: [Int64] = [1000, 100, 10, 1, 0]
        let noise = NoiseDistribution(counts: counts)
        let weights = counts.map { Foundation.pow(Double($0), 0.75) }
        let total = weights.reduce(0, +)
        for i in 0..<counts.count {
            XCTAssertEqual(noise.probability(i), weights[i] / total, accuracy: 1e-6)
        }
        var rng = Xoshiro256(seed: 11)
        var hits = [Int](repeating: 0, count: counts.count)
        let draws = 400_000
        for _ in 0..<draws { hits[noise.draw(rng.next())] += 1 }
        for i in 0..<counts.count {
            XCTAssertEqual(Double(hits[i]) / Double(draws), weights[i] / total, accuracy: 0.004)
        }
        XCTAssertEqual(hits[4], 0)
    }

    func testGeneratorIsReproducibleFromItsSeed() {
        var a = Xoshiro256(seed: 42), b = Xoshiro256(seed: 42), c = Xoshiro256(seed: 43)
        let xs = (0..<5).map { _ in a.next() }
        XCTAssertEqual(xs, (0..<5).map { _ in b.next() })
        XCTAssertNotEqual(xs, (0..<5).map { _ in c.next() })
    }
}
