import XCTest
import Foundation
import Corpus
import Distributed
import Embeddings

final class TemporaryDirectory {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "mt2st-dist-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String, _ text: String) -> String {
        let p = path + "/" + name
        FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        return p
    }

    func gzipFile(_ name: String, _ text: String) -> String {
        let plain = file(name, text)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-n", "-f", plain]
        try! process.run()
        process.waitUntilExit()
        return plain + ".gz"
    }
}

/// Lines drawn from a few topics (words of a topic co-occur).
func topicText(lines: Int, seed: UInt64) -> String {
    var rng = Xoshiro256(seed: seed)
    let topics = [["king", "queen", "royal", "crown", "palace"], ["dog", "cat", "pet", "puppy", "kitten"],
                  ["car", "road", "drive", "wheel", "engine"], ["sun", "moon", "star", "sky", "planet"]]
    var text = ""
    for _ in 0..<lines {
        let topic = topics[Int(rng.below(topics.count))]
        text += (0..<12).map { _ in rng.below(4) == 0 ? "the" : topic[Int(rng.below(5))] }.joined(separator: " ") + "\n"
    }
    return text
}

final class RowDeltaMergerTests: XCTestCase {
    func testSummedDeltasReachEveryCopyAndLateWritesSurvive() {
        let dim = 3, stride = 4, rows = 2
        let a = UnsafeMutablePointer<Float>.allocate(capacity: rows * stride), b = UnsafeMutablePointer<Float>.allocate(capacity: rows * stride)
        defer { a.deallocate(); b.deallocate() }
        for i in 0..<(rows * stride) { a[i] = Float(i); b[i] = Float(i) }
        let ma = RowDeltaMerger(base: a, rows: rows, dim: dim, stride: stride)
        let mb = RowDeltaMerger(base: b, rows: rows, dim: dim, stride: stride)
        a[0] += 1; b[0] += 2          // both change row 0
        b[4 + 1] += 5                 // only b changes row 1: kept at full strength, not halved
        let da = UnsafeMutablePointer<Float>.allocate(capacity: rows * dim), db = UnsafeMutablePointer<Float>.allocate(capacity: rows * dim)
        let sum = UnsafeMutablePointer<Float>.allocate(capacity: rows * dim)
        defer { da.deallocate(); db.deallocate(); sum.deallocate() }
        ma.collect(0..<rows, into: da)
        mb.collect(0..<rows, into: db)
        XCTAssertEqual(Array(UnsafeBufferPointer(start: db, count: 6)), [2, 0, 0, 0, 5, 0])
        for i in 0..<6 { sum[i] = da[i] + db[i] }
        a[2] += 10 // a worker writes between collect and apply
        ma.apply(0..<rows, merged: sum, own: da)
        mb.apply(0..<rows, merged: sum, own: db)
        XCTAssertEqual([a[0], a[1], a[2], a[4], a[5]], [3, 1, 12, 4, 10])
        XCTAssertEqual([b[0], b[1], b[2], b[4], b[5]], [3, 1, 2, 4, 10])
        XCTAssertEqual(a[3], 3, "padding untouched")
        // The late write is a's next delta.
        ma.collect(0..<1, into: da)
        XCTAssertEqual(Array(UnsafeBufferPointer(start: da, count: 3)), [0, 0, 10])
        // A subset of rows in any order.
        ma.collect([1, 0], into: da)
        XCTAssertEqual(Array(UnsafeBufferPointer(start: da, count: 6)), [0, 0, 0, 0, 0, 10])
    }
}

final class SyncScheduleTests: XCTestCase {
    func testDoublingPrefixes() {
        let s = SyncSchedule(rows: 100, baseRows: 10)
        XCTAssertEqual(s.levels, 4)
        XCTAssertEqual((1...16).map(s.prefix(round:)), [10, 20, 10, 40, 10, 20, 10, 80, 10, 20, 10, 40, 10, 20, 10, 100])
        XCTAssertEqual(s.prefix(round: 32), 100)
        XCTAssertEqual(s.rowsSent(rounds: 16), 420)
        XCTAssertEqual(SyncSchedule(rows: 5, baseRows: 8192).prefix(round: 1), 5)
        XCTAssertEqual(SyncSchedule(rows: 5, baseRows: 8192).levels, 0)
    }

    func testRowRankingMostTouchedFirst() {
        XCTAssertEqual(RowRanking.order(touches: [5, 9, 5, 0, 7]), [1, 4, 0, 2, 3])
        XCTAssertTrue(RowRanking.isIdentity([0, 1, 2]))
        XCTAssertFalse(RowRanking.isIdentity([1, 0]))
    }
}

final class InputSharesTests: XCTestCase {
    func read(_ sources: [CorpusSource]) throws -> String {
        var out: [UInt8] = []
        for s in sources { try s.reader(chunkSize: 4096).forEachChunk { out.append(contentsOf: $0) } }
        return String(decoding: out, as: UTF8.self)
    }

    func testWholeFilesAreBalancedAndEachReadOnce() throws {
        let dir = TemporaryDirectory()
        let files = [dir.file("a", String(repeating: "x\n", count: 500)), dir.file("b", String(repeating: "y\n", count: 100)),
                     dir.gzipFile("c", String(repeating: "z\n", count: 50)), dir.file("d", String(repeating: "w\n", count: 400))]
        let sources = files.map { CorpusSource.file($0) }
        let shares = try (0..<2).map { try InputShares.share(sources, rank: $0, size: 2) }
        // Largest first to the least loaded: a (1000 bytes) -> 0, d (800) -> 1, b (200) -> 1, c (~30) -> 0 (tie: lower rank).
        XCTAssertEqual(shares[0], [.file(files[0]), .file(files[2])])
        XCTAssertEqual(shares[1], [.file(files[1]), .file(files[3])])
        XCTAssertEqual(try InputShares.share(sources, rank: 0, size: 1), sources)
    }

    func testOnePlainFileIsSplitAtLineBoundaries() throws {
        let dir = TemporaryDirectory()
        let text = topicText(lines: 777, seed: 3)
        let path = dir.file("c.txt", text)
        for size in [2, 3, 5] {
            let shares = try (0..<size).map { try InputShares.share([.file(path)], rank: $0, size: size) }
            let parts = try shares.map(read)
            XCTAssertEqual(parts.joined(), text, "\(size) processes")
            for part in parts { XCTAssertTrue(part.hasSuffix("\n") && !part.isEmpty) }
            XCTAssertLessThan(abs(parts[0].utf8.count - text.utf8.count / size), 200)
        }
        // Fewer plain files than processes: their bytes end to end are cut.
        let second = dir.file("d.txt", "extra line\n")
        let shares = try (0..<3).map { try InputShares.share([.file(path), .file(second)], rank: $0, size: 3) }
        XCTAssertEqual(try shares.map(read).joined(), text + "extra line\n")
    }

    func testGzipAndStandardInputCannotBeShared() throws {
        let dir = TemporaryDirectory()
        let gz = dir.gzipFile("c.txt", "a b\n")
        XCTAssertThrowsError(try InputShares.share([.file(gz)], rank: 0, size: 2)) {
            XCTAssertEqual($0 as? CorpusError, .cannotSplitGzip(path: gz))
        }
        XCTAssertThrowsError(try InputShares.share([.standardInput], rank: 1, size: 2)) {
            XCTAssertTrue("\($0)".contains("standard input"), "\($0)")
        }
        XCTAssertThrowsError(try InputShares.share([.file(dir.path + "/missing")], rank: 0, size: 2)) {
            XCTAssertTrue("\($0)".contains("missing: cannot open"), "\($0)")
        }
    }
}

final class CollectiveTests: XCTestCase {
    func testCountsMergeIntoTheSameVocabularyEverywhere() throws {
        let dir = TemporaryDirectory()
        // "b" is rare in each share but frequent overall; "a" only on rank 0.
        let paths = [dir.file("0", "a a a b b\n"), dir.file("1", "b b c c c\n")]
        var options = CorpusOptions()
        options.minCount = 3
        let group = ThreadGroup(size: 2)
        let results = group.run { member -> ([String], [Int64], [UInt32]) in
            let built = try CorpusBuilder.build(sources: [.file(paths[member.rank])], options: options,
                                                mergeCounts: CountExchange.merger(member))
            let v = built.vocabulary
            return ((0..<v.size).map(v.word), v.counts, Array(built.encoded.ids))
        }
        let r0 = try results[0].get(), r1 = try results[1].get()
        XCTAssertEqual(r0.0, ["b", "a", "c"])
        XCTAssertEqual(r0.1, [4, 3, 3])
        XCTAssertEqual(r1.0, r0.0)
        XCTAssertEqual(r1.1, r0.1)
        XCTAssertEqual(r0.2, [1, 1, 1, 0, 0, EncodedCorpus.sentenceEnd])
        XCTAssertEqual(r1.2, [0, 0, 2, 2, 2, EncodedCorpus.sentenceEnd])
    }

    func testAFailureOnOneRankStopsEveryRankWithItsMessage() {
        struct Unreadable: Error, CustomStringConvertible { var description: String { "shard-1.gz: corrupt gzip data" } }
        let results = ThreadGroup(size: 3).run { member -> Int in
            try member.checkpoint { if member.rank == 1 { throw Unreadable() } }
            return member.rank
        }
        for r in results {
            XCTAssertThrowsError(try r.get()) {
                XCTAssertEqual($0 as? DistributedError, .peersFailed([.init(rank: 1, message: "shard-1.gz: corrupt gzip data")]))
            }
        }
    }

    func testMismatchedSettingsAreRefusedEverywhere() {
        let results = ThreadGroup(size: 2).run { member in
            try SettingsAgreement.check([("--model", "skipgram"), ("--dim", member.rank == 0 ? "100" : "50")], group: member)
        }
        for r in results {
            XCTAssertThrowsError(try r.get()) {
                XCTAssertEqual($0 as? DistributedError, .optionsDiffer(rank: 1, key: "--dim", value: "50", rootValue: "100"))
                XCTAssertTrue("\($0)".contains("--dim 50 (process 0: 100)"), "\($0)")
            }
        }
        let same = ThreadGroup(size: 2).run { try SettingsAgreement.check([("--dim", "100")], group: $0) }
        for r in same { XCTAssertNoThrow(try r.get()) }
    }
}

final class TrainingSynchronizerTests: XCTestCase {
    func config(epochs: Int) -> Word2VecConfig {
        var c = Word2VecConfig()
        c.architecture = .skipGram
        c.dim = 16
        c.window = 3
        c.negatives = 5
        c.sample = 0
        c.epochs = epochs
        c.threads = 1
        c.syncEvery = 200
        return c
    }

    func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let d = zip(a, b).map(*).reduce(0, +)
        return d / (sqrt(a.map { $0 * $0 }.reduce(0, +)) * sqrt(b.map { $0 * $0 }.reduce(0, +)))
    }

    /// Two ranks of one thread each, on halves of one file: the tables end equal, every token of
    /// the run is counted once, and the vectors learn the topics.
    func testTwoRanksEndWithTheSameTrainedTable() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("c.txt", topicText(lines: 3000, seed: 9))
        var options = SyncOptions()
        options.period = 0.01
        options.baseRows = 4
        let cfg = config(epochs: 3)
        let results = ThreadGroup(size: 2).run { member -> ([[Float]], Int, SyncStatistics, [Int]) in
            let share = try InputShares.share([.file(path)], rank: member.rank, size: 2)
            var c = cfg
            c.seed = 7 &+ UInt64(member.rank)
            let built = try CorpusBuilder.build(sources: share, options: CorpusOptions(), mergeCounts: CountExchange.merger(member))
            let trainer = try Word2VecTrainer(config: c, vocabulary: built.vocabulary, corpus: built.encoded)
            trainer.table.initializeWord2Vec(seed: 7)
            let sync = try TrainingSynchronizer(group: member, table: trainer.table, inputTouches: nil, epochs: c.epochs,
                                                localTokensPerEpoch: built.encoded.tokenCount, options: options)
            trainer.observers.insert(sync, at: 0)
            trainer.coordinator = sync
            sync.start()
            let summary: TrainingSummary
            do { summary = try trainer.train() } catch { _ = try sync.finish(error: error); throw error }
            let stats = try sync.finish(error: nil)
            let v = built.vocabulary
            let rows = ["king", "queen", "dog", "cat"].map { trainer.table.inputVector(v.id(of: $0)!) }
                + (0..<v.size).map { trainer.table.outputVector($0) }
            return (rows, summary.tokens, stats, [sync.runTotalTokens, built.encoded.tokenCount])
        }
        let r0 = try results[0].get(), r1 = try results[1].get()
        for (x, y) in zip(r0.0, r1.0) {
            for (p, q) in zip(x, y) { XCTAssertEqual(p, q, accuracy: 1e-5) }
        }
        XCTAssertEqual(r0.3[0], 3 * (r0.3[1] + r1.3[1]), "the run's total counts both shares")
        XCTAssertEqual(r0.1 + r1.1, r0.3[0], "every token trained once")
        XCTAssertEqual(r0.2.fullRounds, 3)
        XCTAssertEqual(r0.2.epochLosses.count, 3)
        XCTAssertEqual(r0.2.epochLosses, r1.2.epochLosses)
        XCTAssertLessThan(r0.2.epochLosses[2], r0.2.epochLosses[0])
        XCTAssertGreaterThan(r0.2.payloadBytes, 0)
        let (king, queen, dog, cat) = (r0.0[0], r0.0[1], r0.0[2], r0.0[3])
        XCTAssertGreaterThan(cosine(king, queen), cosine(king, dog) + 0.2)
        XCTAssertGreaterThan(cosine(dog, cat), cosine(queen, cat) + 0.2)
    }

    /// Between rounds the run's token count is extrapolated from this process's: the count at the
    /// last round plus N times the tokens done here since then.
    func testTheClockExtrapolatesTheRunsTokens() throws {
        let results = ThreadGroup(size: 2).run { member -> [Int] in
            let table = EmbeddingTable(inputRows: 4, outputRows: 4, dim: 8)
            let sync = try TrainingSynchronizer(group: member, table: table, inputTouches: [1, 9, 3, 0], epochs: 2,
                                                localTokensPerEpoch: 100 * (member.rank + 1), options: SyncOptions())
            return [sync.runTotalTokens, sync.runTokens(local: 30), sync.runTokens(local: 0)]
        }
        for r in results { XCTAssertEqual(try r.get(), [600, 60, 0]) }
    }

    /// A rank that fails stops the others: their training throws, and every rank's `finish`
    /// names the failed rank.
    func testAFailedRankStopsTheOthers() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("c.txt", topicText(lines: 20000, seed: 2))
        var options = SyncOptions()
        options.period = 0.01
        let cfg = config(epochs: 50)
        struct Diverged: Error, CustomStringConvertible { var description: String { "training diverged in epoch 1" } }
        let results = ThreadGroup(size: 2).run { member -> Bool in
            let built = try CorpusBuilder.build(sources: [.file(path)], options: CorpusOptions(), mergeCounts: CountExchange.merger(member))
            let trainer = try Word2VecTrainer(config: cfg, vocabulary: built.vocabulary, corpus: built.encoded)
            let sync = try TrainingSynchronizer(group: member, table: trainer.table, inputTouches: nil, epochs: cfg.epochs,
                                                localTokensPerEpoch: built.encoded.tokenCount, options: options)
            trainer.observers.insert(sync, at: 0)
            trainer.coordinator = sync
            sync.start()
            if member.rank == 1 {
                Thread.sleep(forTimeInterval: 0.1)
                _ = try sync.finish(error: Diverged())
                return false
            }
            do {
                _ = try trainer.train()
            } catch let error as TrainingError {
                guard case .stopped = error else { throw error }
                _ = try sync.finish(error: error)
            }
            return true
        }
        for r in results {
            XCTAssertThrowsError(try r.get()) {
                XCTAssertEqual($0 as? DistributedError, .peersFailed([.init(rank: 1, message: "training diverged in epoch 1")]))
            }
        }
    }
}
