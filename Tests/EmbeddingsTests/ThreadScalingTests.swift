import XCTest
import Dispatch
import Corpus
@testable import Embeddings

/// Issue 17: chunks with work stealing (no idle core at the end of an epoch) and per-thread
/// copies of the hottest output rows merged by delta.
final class ThreadScalingTests: XCTestCase {
    func testOneWorkerGetsTheWholeCorpusAsOneChunk() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 300))
        let queue = ShardQueue(corpus: corpus.encoded, workers: 1, chunkTokens: 10)
        XCTAssertEqual(queue.next(for: 0), 0..<corpus.encoded.ids.count)
        XCTAssertNil(queue.next(for: 0))
        queue.reset()
        XCTAssertEqual(queue.next(for: 0), 0..<corpus.encoded.ids.count, "every epoch starts over")
    }

    func testWorkersTakeTheirOwnChunksThenStealFromTheEndOfTheOthers() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 400))
        let queue = ShardQueue(corpus: corpus.encoded, workers: 2, chunkTokens: 500, maxChunksPerWorker: 4)
        XCTAssertEqual(queue.chunksPerWorker, 4)
        let c = queue.chunks
        XCTAssertEqual(c.first?.lowerBound, 0)
        XCTAssertEqual(c.last?.upperBound, corpus.encoded.ids.count)
        for k in 1..<c.count {
            XCTAssertEqual(c[k].lowerBound, c[k - 1].upperBound, "contiguous")
            XCTAssertEqual(corpus.encoded.ids[c[k].lowerBound - 1], EncodedCorpus.sentenceEnd, "chunks start at sentence starts")
        }
        // Worker 0 alone: its own four chunks in order, then worker 1's from the last one back.
        let taken = (0..<8).map { _ in queue.next(for: 0) }
        XCTAssertEqual(taken, [c[0], c[1], c[2], c[3], c[7], c[6], c[5], c[4]])
        XCTAssertNil(queue.next(for: 0))
        XCTAssertNil(queue.next(for: 1))
    }

    func testConcurrentWorkersGetEveryChunkExactlyOnce() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 3000))
        let queue = ShardQueue(corpus: corpus.encoded, workers: 3, chunkTokens: 200, maxChunksPerWorker: 40)
        XCTAssertGreaterThan(queue.chunks.count, 60)
        for _ in 0..<20 {
            queue.reset()
            let claimed = UnsafeMutableBufferPointer<[Range<Int>]>.allocate(capacity: 3)
            claimed.initialize(repeating: [])
            DispatchQueue.concurrentPerform(iterations: 3) { t in
                var mine: [Range<Int>] = []
                while let chunk = queue.next(for: t) { mine.append(chunk) }
                claimed[t] = mine
            }
            let all = claimed.flatMap { $0 }.sorted { $0.lowerBound < $1.lowerBound }
            XCTAssertEqual(all, queue.chunks, "each chunk handed out once")
            claimed.deinitialize()
            claimed.deallocate()
        }
    }

    func testDeltaExchangeKeepsEveryCopysChanges() {
        let table = EmbeddingTable(inputRows: 4, outputRows: 4, dim: 3)
        table.update { h in for r in 0..<4 { for j in 0..<3 { h.outputRow(r)[j] = Float(r * 10 + j) } } }
        let a = HotRowCache(table: table.handle, count: 2), b = HotRowCache(table: table.handle, count: 2)
        let h = table.handle
        XCTAssertEqual(a.rows.outputRow(1, h)[2], 12, "the cache starts as a copy")
        XCTAssertEqual(a.rows.outputRow(3, h), h.outputRow(3), "rows past the hot ones are the shared rows")
        a.rows.outputRow(0, h)[0] += 1
        b.rows.outputRow(0, h)[0] += 2
        b.rows.outputRow(1, h)[1] -= 5
        XCTAssertEqual(h.outputRow(0)[0], 0, "nothing shared before a merge")
        a.merge()
        XCTAssertEqual(h.outputRow(0)[0], 1)
        b.merge()
        XCTAssertEqual(h.outputRow(0)[0], 3, "both threads' changes kept")
        XCTAssertEqual(h.outputRow(1)[1], 6)
        XCTAssertEqual(b.rows.outputRow(0, h)[0], 3, "the merging copy takes the shared row")
        XCTAssertEqual(a.rows.outputRow(0, h)[0], 1, "the other copy sees it at its next merge")
        a.merge()
        XCTAssertEqual(a.rows.outputRow(0, h)[0], 3)
        XCTAssertEqual(h.outputRow(0)[0], 3, "a merge without changes changes nothing")
        table.update { $0.outputRow(1)[0] = 100 } // e.g. an observer between epochs
        a.refresh()
        XCTAssertEqual(a.rows.outputRow(1, h)[0], 100)
        a.merge()
        XCTAssertEqual(h.outputRow(1)[0], 100)
    }

    func train(_ corpus: Corpus, _ c: Word2VecConfig) throws -> (Word2VecTrainer, TrainingSummary) {
        let trainer = try Word2VecTrainer(config: c, vocabulary: corpus.vocabulary, corpus: corpus.encoded)
        return (trainer, try trainer.train())
    }

    func testHotRowsChangeNothingWithOneThread() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 400))
        for (arch, kernel) in Word2VecTrainerTests.allVariants {
            var c = config(arch, kernel, epochs: 2)
            c.hotRows = 0
            let (plain, _) = try train(corpus, c)
            c.hotRows = 4096
            let (cached, _) = try train(corpus, c)
            for w in 0..<corpus.vocabulary.size {
                XCTAssertEqual(plain.table.inputVector(w), cached.table.inputVector(w), "\(arch) \(kernel) word \(w)")
            }
        }
    }

    func testTwoThreadsWithHotRowsLearnThePlantedPairs() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 3000))
        let v = corpus.vocabulary
        for (arch, kernel) in Word2VecTrainerTests.allVariants {
            var c = config(arch, kernel)
            c.threads = 2
            c.hotRows = 16 // the fillers and some pair words
            let (trainer, summary) = try train(corpus, c)
            XCTAssertEqual(summary.tokens, 5 * corpus.encoded.tokenCount, "every token trained once per epoch")
            XCTAssertEqual(summary.busySeconds.count, 2)
            XCTAssertTrue(summary.busySeconds.allSatisfy { $0 > 0 && $0 <= summary.seconds + 1e-3 })
            XCTAssertNotNil(summary.idleShare)
            let losses = summary.epochs.map(\.loss)
            XCTAssertLessThan(losses.last!, losses.first! * 0.97, "\(arch) \(kernel) loss \(losses)")
            let (paired, random) = plantedPairCosines(trainer.table, v)
            XCTAssertGreaterThan(paired, random + 0.2, "\(arch) \(kernel): pairs \(paired) vs others \(random)")
            // Every cached row's last changes reached the shared table: the output rows moved.
            XCTAssertFalse(trainer.table.containsNonFinite())
            XCTAssertGreaterThan(trainer.table.read { rows in (0..<16).map { abs(rows.outputRow($0)[0]) }.reduce(0, +) }, 0)
        }
    }

    func testNegativeHotRowsAreRefused() {
        var c = config(.skipGram)
        c.hotRows = -1
        XCTAssertThrowsError(try c.validate()) { XCTAssertTrue("\($0)".contains("--hot-rows"), "\($0)") }
    }
}
