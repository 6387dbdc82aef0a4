import Corpus
@testable import Embeddings
import XCTest

final class GloVeTrainerTests: XCTestCase {
    /// Records whose log counts come from a known rank-3 model, so a dim-8 GloVe can fit them.
    static func syntheticRecords(vocabulary v: Int, seed: UInt64) throws -> ShuffledRecords {
        var rng = Xoshiro256(seed: seed)
        let u = (0..<v).map { _ in (0..<3).map { _ in rng.unitFloat() - 0.5 } }
        let w = (0..<v).map { _ in (0..<3).map { _ in rng.unitFloat() - 0.5 } }
        var records: [GloVeRecord] = []
        for i in 0..<v {
            for j in 0..<v where rng.unitFloat() < 0.6 {
                let dot = zip(u[i], w[j]).map { $0 * $1 }.reduce(0, +)
                records.append(GloVeRecord(word: UInt32(i), context: UInt32(j), logCount: 2 + 3 * dot,
                                           weight: 0.5 + 0.5 * rng.unitFloat()))
            }
        }
        let file = try TemporaryFile(directory: TemporaryFile.defaultDirectory(), purpose: "test")
        try records.withUnsafeBytes { try file.write($0.baseAddress!, count: $0.count, at: 0) }
        return ShuffledRecords(file: file, count: records.count)
    }

    func options(threads: Int = 1, epochs: Int = 60) -> GloVeOptions {
        var o = GloVeOptions()
        o.dim = 8
        o.epochs = epochs
        o.threads = threads
        o.seed = 5
        return o
    }

    func testAdaGradConvergesOnALowRankProblem() throws {
        let records = try Self.syntheticRecords(vocabulary: 30, seed: 2)
        let trainer = try GloVeTrainer(vocabularySize: 30, options: options(epochs: 80))
        let costs = CostRecorder()
        trainer.observers = [costs]
        try trainer.train(records)
        let costsValues = costs.costs
        XCTAssertEqual(costsValues.count, 80)
        XCTAssertGreaterThan(costsValues[0], 0.3)
        XCTAssertLessThan(costsValues.last!, costsValues[0] * 0.01, "costs: \(costsValues.prefix(3)) ... \(costsValues.suffix(3))")
        // The fitted model reproduces a record's log count.
        let r = try records.readAll()[17]
        let wi = trainer.table.inputVector(Int(r.word)), cj = trainer.table.outputVector(Int(r.context))
        let predicted = zip(wi, cj).map { $0 * $1 }.reduce(0, +) + trainer.wordBias(Int(r.word)) + trainer.contextBias(Int(r.context))
        XCTAssertEqual(predicted, r.logCount, accuracy: 0.15)
    }

    func testOneThreadIsBitForBitReproducible() throws {
        let records = try Self.syntheticRecords(vocabulary: 30, seed: 4)
        func run() throws -> [Float] {
            let t = try GloVeTrainer(vocabularySize: 30, options: options(epochs: 5))
            try t.train(records)
            t.finalizeVectors()
            return (0..<30).flatMap { t.table.inputVector($0) }
        }
        XCTAssertEqual(try run(), try run())
    }

    func testTwoThreadsAlsoConverge() throws {
        let records = try Self.syntheticRecords(vocabulary: 30, seed: 2)
        let trainer = try GloVeTrainer(vocabularySize: 30, options: options(threads: 2, epochs: 80))
        let costs = CostRecorder()
        trainer.observers = [costs]
        try trainer.train(records)
        let first = costs.costs.first!, last = costs.costs.last!
        XCTAssertLessThan(last, first * 0.01)
    }

    func testSumOutputIsWordPlusContext() throws {
        let records = try Self.syntheticRecords(vocabulary: 10, seed: 9)
        let trainer = try GloVeTrainer(vocabularySize: 10, options: options(epochs: 2))
        try trainer.train(records)
        let w = trainer.table.inputVector(3), c = trainer.table.outputVector(3)
        trainer.finalizeVectors()
        XCTAssertEqual(trainer.table.inputVector(3), zip(w, c).map { $0 + $1 })
        var wordOnly = options(epochs: 2)
        wordOnly.output = .word
        let t2 = try GloVeTrainer(vocabularySize: 10, options: wordOnly)
        try t2.train(records)
        let w2 = t2.table.inputVector(3)
        t2.finalizeVectors()
        XCTAssertEqual(t2.table.inputVector(3), w2)
    }

    func testDivergenceStopsWithAClearError() throws {
        let records = try Self.syntheticRecords(vocabulary: 20, seed: 1)
        var o = options(epochs: 20)
        o.learningRate = 1e30
        o.gradientClip = .greatestFiniteMagnitude
        let trainer = try GloVeTrainer(vocabularySize: 20, options: o)
        XCTAssertThrowsError(try trainer.train(records)) { error in
            guard case GloVeError.diverged = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("diverged in epoch"), "\(error)")
        }
    }

    func testInvalidOptions() {
        var o = GloVeOptions()
        o.xMax = 0
        XCTAssertThrowsError(try o.validate()) { XCTAssertTrue("\($0)".contains("--x-max must be positive")) }
        o = GloVeOptions()
        o.window = 0
        XCTAssertThrowsError(try o.validate()) { XCTAssertTrue("\($0)".contains("--window must be at least 1")) }
    }

    func testShuffleIsAReproduciblePermutationWithPrecomputedWeights() throws {
        let v = 300
        let ids = CooccurrenceCounterTests.syntheticStream(tokens: 20_000, vocabulary: v, seed: 11)
        let counter = try CooccurrenceCounter(plan: CooccurrenceMemoryPlan(vocabularySize: v, maxProduct: 1000, hashSlots: 1 << 14),
                                              window: 5, temporaryDirectory: TemporaryFile.defaultDirectory())
        try ids.withUnsafeBufferPointer { try counter.add($0) }
        let counts = try counter.finish()
        let sorted = try counts.readAll()
        // A small memory budget: 64 KiB buckets, so the records are spread over many buckets.
        func shuffled(_ seed: UInt64) throws -> [GloVeRecord] {
            try RecordShuffler.shuffle(counts, xMax: 10, alpha: 0.75, seed: seed, memoryBytes: 1 << 16,
                                       temporaryDirectory: TemporaryFile.defaultDirectory()).readAll()
        }
        let a = try shuffled(1), b = try shuffled(1), c = try shuffled(2)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(a.count, sorted.count)
        let key = { (r: GloVeRecord) in UInt64(r.word) << 32 | UInt64(r.context) }
        XCTAssertEqual(a.map(key).sorted(), sorted.map(\.key))
        XCTAssertNotEqual(a.map(key), sorted.map(\.key))
        // Records carry log X and f(X).
        let byKey = Dictionary(uniqueKeysWithValues: sorted.map { ($0.key, $0.value) })
        for r in a.prefix(500) {
            let x = byKey[key(r)]!
            XCTAssertEqual(r.logCount, Float(log(x)), accuracy: 1e-6)
            XCTAssertEqual(r.weight, x >= 10 ? 1 : Float(pow(x / 10, 0.75)), accuracy: 1e-6)
        }
    }
}

/// Records the cost of every epoch (the trainer's epoch observer).
final class CostRecorder: EpochObserver {
    var costs: [Double] = []
    func epochDidEnd(_ summary: EpochSummary, table: EmbeddingTable) throws { costs.append(summary.loss) }
}
