import XCTest
import Corpus
@testable import Embeddings

/// Small generated corpora: no dependency on the shared data folder.
enum SyntheticCorpus {
    /// Sentences of segments "pK (aK or bK) qK" amid filler words: aK and bK share their
    /// contexts (and no other word does), so a trained model must place aK near bK.
    static func pairs(pairs: Int = 10, fillers: Int = 30, sentences: Int = 1500, seed: UInt64 = 7) -> String {
        var rng = Xoshiro256(seed: seed)
        var lines: [String] = []
        for _ in 0..<sentences {
            var words: [String] = []
            for _ in 0..<3 {
                words.append("f\(rng.below(fillers))")
                let k = rng.below(pairs)
                words += ["p\(k)", rng.below(2) == 0 ? "a\(k)" : "b\(k)", "q\(k)"]
            }
            lines.append(words.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One folder per test process, removed when the process exits.
    static let directory: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mt2st-emb-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent("mt2st-emb-\(getpid())")) }
        return dir
    }()

    static func file(_ text: String, name: String = "corpus.txt") throws -> String {
        let path = directory.appendingPathComponent(UUID().uuidString + "-" + name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func build(_ text: String, minCount: Int = 1) throws -> Corpus {
        var o = CorpusOptions()
        o.minCount = minCount
        let path = try file(text)
        defer { unlink(path) }
        return try CorpusBuilder.build(path: path, options: o)
    }
}

final class Word2VecTrainerTests: XCTestCase {
    func train(_ corpus: Corpus, _ c: Word2VecConfig) throws -> (Word2VecTrainer, TrainingSummary) {
        let trainer = try Word2VecTrainer(config: c, vocabulary: corpus.vocabulary, corpus: corpus.encoded)
        let summary = try trainer.train()
        return (trainer, summary)
    }

    func cosine(_ a: [Float], _ b: [Float]) -> Float {
        var d: Float = 0, na: Float = 0, nb: Float = 0
        for i in a.indices { d += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
        return d / (na.squareRoot() * nb.squareRoot())
    }

    static let allVariants: [(Word2VecArchitecture, Word2VecKernel)] = [(.skipGram, .batch), (.skipGram, .plain), (.skipGram, .blas), (.cbow, .plain)]

    func testSameSeedOneThreadGivesIdenticalVectors() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 400))
        for (arch, kernel) in Self.allVariants {
            var c = config(arch, kernel, epochs: 2)
            c.sample = 1e-2
            let (t1, _) = try train(corpus, c)
            let (t2, _) = try train(corpus, c)
            for w in 0..<corpus.vocabulary.size {
                XCTAssertEqual(t1.table.inputVector(w), t2.table.inputVector(w), "\(arch) \(kernel) word \(w)")
            }
            c.seed = 43
            let (t3, _) = try train(corpus, c)
            XCTAssertNotEqual(t1.table.inputVector(0), t3.table.inputVector(0), "another seed gives other vectors")
        }
    }

    func testLossDecreasesAndPlantedPairsAreLearned() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs())
        let v = corpus.vocabulary
        for (arch, kernel) in Self.allVariants {
            let (trainer, summary) = try train(corpus, config(arch, kernel))
            let losses = summary.epochs.map(\.loss)
            XCTAssertEqual(losses.count, 5)
            XCTAssertTrue(losses.allSatisfy { $0.isFinite && $0 > 0 })
            XCTAssertLessThan(losses.last!, losses.first! * 0.97, "\(arch) \(kernel) loss \(losses)")
            XCTAssertLessThan(losses.first!, 0.7, "starts below log 2 = chance level after one epoch")
            let (paired, random) = plantedPairCosines(trainer.table, v)
            XCTAssertGreaterThan(paired, random + 0.2, "\(arch) \(kernel): pairs \(paired) vs others \(random)")
        }
    }

    func testTwoThreadsTrainAndStayFinite() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 1500))
        var c = config(.skipGram)
        c.threads = 2
        let (trainer, summary) = try train(corpus, c)
        XCTAssertEqual(summary.threads, 2)
        XCTAssertEqual(summary.tokens, 5 * corpus.encoded.tokenCount)
        XCTAssertFalse(trainer.table.containsNonFinite())
    }

    func testLearningRateDecaysLinearlyToTheFloor() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 500))
        let (_, summary) = try train(corpus, config(.cbow, epochs: 4))
        let alphas = summary.epochs.map(\.alpha)
        XCTAssertEqual(alphas.last!, 0.05 * 1e-4, accuracy: 1e-7)
        XCTAssertEqual(alphas[1], 0.05 - (0.05 - 5e-6) * 0.5, accuracy: 1e-4)
    }

    func testDivergenceIsReportedNotWritten() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 300))
        for (arch, kernel) in Self.allVariants {
            var c = config(arch, kernel, epochs: 2)
            c.alpha = 1e30
            c.minAlpha = 1e29
            XCTAssertThrowsError(try train(corpus, c), "\(arch) \(kernel)") { error in
                guard case TrainingError.diverged = error else { return XCTFail("\(error)") }
                XCTAssertTrue("\(error)".contains("diverged"))
            }
        }
    }

    func testBadOptionsAreRejectedBeforeAllocating() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 50))
        let cases: [(WritableKeyPath<Word2VecConfig, Int>, Int, String)] = [
            (\.dim, 0, "--dim"), (\.window, 0, "--window"), (\.negatives, 0, "--negative"),
            (\.epochs, 0, "--epochs"), (\.threads, 0, "--threads"),
        ]
        for (key, value, name) in cases {
            var c = config(.skipGram)
            c[keyPath: key] = value
            XCTAssertThrowsError(try Word2VecTrainer(config: c, vocabulary: corpus.vocabulary, corpus: corpus.encoded)) {
                XCTAssertTrue("\($0)".contains(name), "\($0)")
            }
        }
        let tiny = try SyntheticCorpus.build("same same same\n")
        XCTAssertThrowsError(try Word2VecTrainer(config: config(.skipGram), vocabulary: tiny.vocabulary, corpus: tiny.encoded)) {
            XCTAssertEqual($0 as? TrainingError, .vocabularyTooSmall(words: 1))
        }
    }

    final class Recorder: EpochObserver {
        var epochs: [Int] = []
        func epochDidEnd(_ summary: EpochSummary, table: EmbeddingTable) throws {
            epochs.append(summary.epoch)
            if summary.epoch == 2 { throw TrainingError.stopped(epoch: 2, reason: "enough") }
        }
    }

    final class CountingTask: WorkerHook {
        var runs = 0
        var times: [Double] = []
        let everyTokens = 1000
        func run(thread: Int, time t: Double, learningRate: Float, rng: inout Xoshiro256) {
            runs += 1
            times.append(t)
        }
    }

    func testObserversSeeEveryEpochAndCanStopAndTasksRunInterleaved() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 500))
        let trainer = try Word2VecTrainer(config: config(.skipGram, epochs: 4), vocabulary: corpus.vocabulary, corpus: corpus.encoded)
        let recorder = Recorder()
        let task = CountingTask()
        trainer.observers = [recorder]
        trainer.interleaved = task
        XCTAssertThrowsError(try trainer.train())
        XCTAssertEqual(recorder.epochs, [1, 2])
        // 2 epochs of 6,000 tokens, a task every >= 1,000 tokens checked every 500 (or at the shard end).
        XCTAssertGreaterThanOrEqual(task.runs, 8)
        XCTAssertLessThanOrEqual(task.runs, 12)
    }

    /// The hook's time is the worker's processed tokens over its share of an epoch.
    func testHookTimeIsTheWorkersShareOfEpochs() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 500))
        let trainer = try Word2VecTrainer(config: config(.skipGram, epochs: 2), vocabulary: corpus.vocabulary, corpus: corpus.encoded)
        let task = CountingTask()
        trainer.interleaved = task
        _ = try trainer.train()
        XCTAssertEqual(task.times, task.times.sorted(), "one thread: time only grows")
        XCTAssertGreaterThan(task.times.first!, 0)
        XCTAssertLessThan(task.times.first!, 0.5)
        XCTAssertLessThanOrEqual(task.times.last!, 2.0)
        XCTAssertGreaterThan(task.times.last!, 1.5)
        XCTAssertTrue(task.times.contains { $0 > 1 && $0 < 1.5 }, "epoch 2 continues from 1: \(task.times)")
    }
}
