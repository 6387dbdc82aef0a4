import Corpus
@testable import Embeddings
import XCTest

final class CooccurrenceCounterTests: XCTestCase {
    /// A Zipf-like id stream with sentence separators, reproducible from `seed`.
    static func syntheticStream(tokens: Int, vocabulary: Int, seed: UInt64) -> [UInt32] {
        var rng = Xoshiro256(seed: seed)
        var ids: [UInt32] = []
        var sentence = 0
        for _ in 0..<tokens {
            // Skewed: squaring a uniform draw favours small (frequent) ids.
            let u = rng.unitFloat()
            ids.append(UInt32(min(vocabulary - 1, Int(u * u * Float(vocabulary)))))
            sentence += 1
            if sentence >= 5 + rng.below(30) { ids.append(EncodedCorpus.sentenceEnd); sentence = 0 }
        }
        return ids
    }

    /// The definition, by brute force: 1/d for each pair within the window, both directions.
    static func bruteForce(_ ids: [UInt32], window: Int) -> [UInt64: Double] {
        var x: [UInt64: Double] = [:]
        var start = 0
        for p in 0..<ids.count {
            if ids[p] == EncodedCorpus.sentenceEnd { start = p + 1; continue }
            for k in max(start, p - window)..<p {
                let a = UInt64(ids[k]), b = UInt64(ids[p]), w = 1.0 / Double(p - k)
                x[a << 32 | b, default: 0] += w
                x[b << 32 | a, default: 0] += w
            }
        }
        return x
    }

    func count(_ ids: [UInt32], plan: CooccurrenceMemoryPlan, window: Int, threads: Int = 1) throws -> ([CooccurrenceCount], CooccurrenceStatistics) {
        let counter = try CooccurrenceCounter(plan: plan, window: window, temporaryDirectory: TemporaryFile.defaultDirectory(),
                                              threads: threads)
        try ids.withUnsafeBufferPointer { try counter.add($0) }
        let counts = try counter.finish()
        return (try counts.readAll(), counter.statistics)
    }

    func testCountsMatchTheDefinitionAndAreSorted() throws {
        let v = 300
        let ids = Self.syntheticStream(tokens: 20_000, vocabulary: v, seed: 1)
        let plan = try CooccurrenceMemoryPlan(budgetBytes: 64 << 20, vocabularySize: v)
        let (records, stats) = try count(ids, plan: plan, window: 4)
        let expected = Self.bruteForce(ids, window: 4)
        XCTAssertEqual(records.count, expected.count)
        XCTAssertEqual(stats.spilledRuns, 0)
        for (a, b) in zip(records, records.dropFirst()) { XCTAssertLessThan(a.key, b.key) }
        for r in records {
            let e = try XCTUnwrap(expected[r.key])
            XCTAssertEqual(r.value, e, accuracy: 1e-6 * max(1, e))
        }
    }

    func testSpillingBudgetGivesExactlyTheUnboundedRecords() throws {
        let v = 500
        let ids = Self.syntheticStream(tokens: 12_000, vocabulary: v, seed: 7)
        let unbounded = CooccurrenceMemoryPlan(vocabularySize: v, maxProduct: v * v, hashSlots: 1 << 16)
        // Tiny dense table, 64-slot hash table (spills every 128 pairs), merge fan-in 3: hundreds
        // of runs, merged in several levels, never more than 3 at once.
        let tiny = CooccurrenceMemoryPlan(vocabularySize: v, maxProduct: 40, hashSlots: 256, mergeFanIn: 3,
                                          mergeBufferBytes: 64)
        let (a, sa) = try count(ids, plan: unbounded, window: 10)
        let (b, sb) = try count(ids, plan: tiny, window: 10)
        XCTAssertEqual(sa.spilledRuns, 0)
        XCTAssertGreaterThan(sb.spilledRuns, 100)
        XCTAssertGreaterThan(sb.intermediateMerges, 10)
        XCTAssertEqual(a.count, b.count)
        XCTAssertTrue(a == b, "spilled counting differs from in-memory counting")
        XCTAssertEqual(sa.pairIncrements, sb.pairIncrements)
        // Several counting threads (each owning the rows i mod threads) give the same records.
        for threads in [2, 3] {
            let (c, _) = try count(ids, plan: tiny, window: 10, threads: threads)
            XCTAssertTrue(a == c, "\(threads) threads differ from one")
        }
    }

    func testAllHashedEqualsAllDense() throws {
        let v = 200
        let ids = Self.syntheticStream(tokens: 5_000, vocabulary: v, seed: 3)
        let (a, _) = try count(ids, plan: CooccurrenceMemoryPlan(vocabularySize: v, maxProduct: 0, hashSlots: 1 << 16), window: 5)
        let (b, _) = try count(ids, plan: CooccurrenceMemoryPlan(vocabularySize: v, maxProduct: v * v, hashSlots: 16), window: 5)
        XCTAssertTrue(a == b)
    }

    func testWindowStopsAtSentenceEnds() throws {
        let s = EncodedCorpus.sentenceEnd
        let plan = CooccurrenceMemoryPlan(vocabularySize: 4, maxProduct: 16, hashSlots: 16)
        let (records, _) = try count([0, 1, s, 2, 3], plan: plan, window: 5)
        let expected: [UInt64] = [0 << 32 | 1, 1 << 32 | 0, 2 << 32 | 3, 3 << 32 | 2]
        XCTAssertEqual(records.map(\.key), expected)
        XCTAssertTrue(records.allSatisfy { $0.value == 1 })
        let (far, _) = try count([0, 1, 2], plan: plan, window: 5)
        let key02: UInt64 = 0 << 32 | 2
        XCTAssertEqual(far.first { $0.key == key02 }?.value, 0.5)
    }

    func testBudgetTooSmallForTheVocabulary() {
        XCTAssertThrowsError(try CooccurrenceMemoryPlan(budgetBytes: 1 << 20, vocabularySize: 1_000_000)) { error in
            guard case GloVeError.memoryTooSmall = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("raise --memory"), "\(error)")
        }
    }

    func testPlanStaysWithinBudget() throws {
        for budget in [8 << 20, 512 << 20, 2 << 30] {
            let plan = try CooccurrenceMemoryPlan(budgetBytes: budget, vocabularySize: 100_000)
            XCTAssertLessThanOrEqual(plan.totalBytes, budget)
            XCTAssertGreaterThan(plan.maxProduct, 0)
        }
    }

    func testUnwritableTemporaryDirectoryIsAClearError() throws {
        let plan = CooccurrenceMemoryPlan(vocabularySize: 10, maxProduct: 10, hashSlots: 16)
        XCTAssertThrowsError(try CooccurrenceCounter(plan: plan, window: 2, temporaryDirectory: "/nonexistent/dir")) { error in
            XCTAssertTrue("\(error)".hasPrefix("/nonexistent/dir: cannot use temporary files there"), "\(error)")
        }
    }
}
