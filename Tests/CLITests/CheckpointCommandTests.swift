import Foundation
import XCTest

/// `train --checkpoint FILE --checkpoint-every MINUTES` and `train --resume FILE`: a run killed
/// (SIGKILL, the real process) and resumed ends with the same bytes as an uninterrupted one; every
/// checkpoint that cannot continue the run is refused with one line naming the file.
final class CheckpointCommandTests: XCTestCase {
    /// A corpus of `tokens` tokens over ~1500 words with a Zipf-like skew (so sub-sampling keeps
    /// and drops some of each), 15 tokens a line; `shuffle` reorders the same lines.
    func corpus(_ dir: Scratch, _ name: String = "corpus.txt", tokens: Int = 24_000, shuffle: Bool = false, extra: String = "") -> String {
        var state: UInt64 = 12345
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var lines: [String] = []
        for _ in 0..<(tokens / 15) {
            lines.append((0..<15).map { _ in
                let u = Double(next() % 1_000_000) / 1_000_000
                return "w\(Int(pow(1500, u)))"
            }.joined(separator: " "))
        }
        if shuffle { lines = lines.enumerated().sorted { ($0.offset * 7919) % lines.count < ($1.offset * 7919) % lines.count }.map(\.element) }
        return dir.file(name, lines.joined(separator: "\n") + "\n" + extra)
    }

    func args(_ dir: Scratch, model: String, output: String, corpus: String? = nil, threads: Int = 1, _ extra: [String] = []) -> [String] {
        ["train", "--model", model, "--input", corpus ?? dir.at("corpus.txt"), "--output", dir.at(output), "--min-count", "1",
         "--dim", "16", "--epochs", "3", "--threads", "\(threads)", "--seed", "7", "--bucket", "5000", "--quiet"] + extra
    }

    /// Starts the tool, waits for `file` to appear, then kills it with SIGKILL; returns the
    /// termination (the test needs it killed, not finished).
    func runAndKill(_ args: [String], when file: String, environment: [String: String] = [:]) throws -> (Process.TerminationReason, Int32) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = args
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && !FileManager.default.fileExists(atPath: file) && Date() < deadline { usleep(2_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus)
    }

    func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    func testKilledRunResumesBitIdenticalWithOneThread() throws {
        for (model, extra) in [("skipgram", [String]()), ("fasttext", []), ("cbow", [])] {
            let dir = Scratch()
            corpus(dir, tokens: 16_000)
            let reference = try CLI.run(args(dir, model: model, output: "reference.txt", extra))
            XCTAssertEqual(reference.status, 0, reference.stderr)
            let checkpoint = dir.at("run.ckpt")
            let run = args(dir, model: model, output: "resumed.txt",
                           extra + ["--checkpoint", checkpoint, "--checkpoint-every", "0.002"])
            let (reason, signal) = try runAndKill(run, when: checkpoint)
            XCTAssertEqual(reason, .uncaughtSignal, "\(model): the run ended before it could be killed")
            XCTAssertEqual(signal, SIGKILL)
            XCTAssertFalse(dir.exists("resumed.txt"))
            let resumed = try CLI.run(run + ["--resume", checkpoint])
            XCTAssertEqual(resumed.status, 0, resumed.stderr)
            XCTAssertNotNil(resumed.stderr.range(of: #"resuming from \S+run.ckpt: epoch [1-3], [0-9]+% done"#, options: .regularExpression),
                            resumed.stderr)
            XCTAssertEqual(bytes(dir.at("resumed.txt")), bytes(dir.at("reference.txt")), "\(model) \(extra)")
            XCTAssertGreaterThan(bytes(dir.at("reference.txt")).count, 1000)
        }
    }

    /// Checkpoints taken without interruption change nothing either (every kernel and model).
    func testCheckpointsDoNotChangeTheResult() throws {
        let dir = Scratch()
        corpus(dir, tokens: 12_000) // one sync point inside each epoch (every 10,000 tokens)
        let short = ["--epochs", "2", "--dim", "8"]
        for (model, extra) in [("structured-skipgram", short), ("fasttext-cbow", short), ("skipgram", short + ["--kernel", "blas"]),
                               ("skipgram", short + ["--kernel", "plain"]), ("fasttext", short + ["--kernel", "plain"])] {
            let a = try CLI.run(args(dir, model: model, output: "a.txt", extra))
            XCTAssertEqual(a.status, 0, a.stderr)
            let b = try CLI.run(args(dir, model: model, output: "b.txt", extra + ["--checkpoint", dir.at("c.ckpt"), "--checkpoint-every", "0.0005"]))
            XCTAssertEqual(b.status, 0, b.stderr)
            XCTAssertNotNil(b.stderr.range(of: #"checkpoint: wrote \S+c.ckpt \([0-9.]+ MiB\) in [0-9.]+ s"#, options: .regularExpression), b.stderr)
            XCTAssertEqual(bytes(dir.at("a.txt")), bytes(dir.at("b.txt")), model)
            // Resuming the last checkpoint of the finished run trains its rest again, to the same bytes
            // (once: the kill tests resume the other models).
            guard model == "structured-skipgram" else { continue }
            let c = try CLI.run(args(dir, model: model, output: "c.txt", extra + ["--resume", dir.at("c.ckpt")]))
            XCTAssertEqual(c.status, 0, c.stderr)
            XCTAssertEqual(bytes(dir.at("a.txt")), bytes(dir.at("c.txt")), model)
        }
    }

    func testKilledRunResumesWithTwoThreads() throws {
        let dir = Scratch()
        corpus(dir, tokens: 30_000) // a sync point inside each thread's shard
        let checkpoint = dir.at("run.ckpt")
        let run = args(dir, model: "skipgram", output: "out.txt", threads: 2, ["--checkpoint", checkpoint, "--checkpoint-every", "0.002"])
        let (reason, _) = try runAndKill(run, when: checkpoint)
        XCTAssertEqual(reason, .uncaughtSignal)
        let resumed = try CLI.run(run + ["--resume", checkpoint])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("resuming from \(checkpoint): epoch "), resumed.stderr)
        let lines = try String(contentsOfFile: dir.at("out.txt"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first.map(String.init), "\(lines.count - 1) 16")
        // Another thread count is another sharding: refused.
        let other = try CLI.run(args(dir, model: "skipgram", output: "x.txt", threads: 1, ["--resume", checkpoint]))
        XCTAssertNotEqual(other.status, 0)
        XCTAssertTrue(other.stderr.contains("\(checkpoint): cannot resume this run: the checkpoint was made with other options: threads 2 in the checkpoint, 1 now"), other.stderr)
    }

    /// A crash while a checkpoint is being written leaves the previous one whole: the run killed
    /// halfway through its second write resumes from the first, to the same bytes.
    func testCrashDuringWriteKeepsThePreviousCheckpoint() throws {
        let dir = Scratch()
        corpus(dir, tokens: 12_000)
        XCTAssertEqual(try CLI.run(args(dir, model: "skipgram", output: "reference.txt")).status, 0)
        let checkpoint = dir.at("run.ckpt")
        let run = args(dir, model: "skipgram", output: "out.txt", ["--checkpoint", checkpoint, "--checkpoint-every", "0.002"])
        let crashed = try CLI.run(run, environment: ["MT2ST_CHECKPOINT_CRASH": "2"])
        XCTAssertNotEqual(crashed.status, 0)
        XCTAssertEqual(crashed.stderr.components(separatedBy: "checkpoint: wrote").count - 1, 1, crashed.stderr)
        XCTAssertEqual(dir.listing.filter { $0 != "corpus.txt" && $0 != "reference.txt" }, ["run.ckpt"])
        let resumed = try CLI.run(run + ["--resume", checkpoint])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(bytes(dir.at("out.txt")), bytes(dir.at("reference.txt")))
    }

    /// Each checkpoint that cannot continue the run: one line naming the file, no output.
    func testRefusals() throws {
        let dir = Scratch()
        corpus(dir, tokens: 12_000)
        let checkpoint = dir.at("good.ckpt")
        let made = try CLI.run(args(dir, model: "fasttext", output: "made.txt", ["--epochs", "1", "--checkpoint", checkpoint, "--checkpoint-every", "0.0005"]))
        XCTAssertEqual(made.status, 0, made.stderr)
        let good = bytes(checkpoint)
        XCTAssertGreaterThan(good.count, 1000)

        func refused(_ file: Data?, _ extra: [String] = [], corpus: String? = nil, expect expected: String, line: UInt = #line) throws {
            let path = dir.at("try.ckpt")
            if let file { try file.write(to: URL(fileURLWithPath: path)) }
            let r = try CLI.run(args(dir, model: "fasttext", output: "out.txt", corpus: corpus, ["--epochs", "1", "--resume", file == nil ? checkpoint : path] + extra))
            XCTAssertNotEqual(r.status, 0, line: line)
            XCTAssertTrue(r.stderr.contains(expected), "expected \(expected) in: \(r.stderr)", line: line)
            XCTAssertEqual(r.stderr.split(separator: "\n").filter { $0.contains("error") }.count, 1, r.stderr, line: line)
            XCTAssertFalse(dir.exists("out.txt"), line: line)
        }
        // The checkpoint itself resumes.
        let ok = try CLI.run(args(dir, model: "fasttext", output: "ok.txt", ["--epochs", "1", "--resume", checkpoint]))
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(bytes(dir.at("ok.txt")), bytes(dir.at("made.txt")))

        let path = dir.at("try.ckpt")
        try refused(nil, ["--dim", "17"], expect: "\(checkpoint): cannot resume this run: the checkpoint was made with other options: dim 16 in the checkpoint, 17 now")
        try refused(nil, ["--window", "3"], expect: "made with other options: window 5 in the checkpoint, 3 now")
        try refused(nil, ["--alpha", "0.03"], expect: "made with other options: alpha default in the checkpoint, 0.03 now")
        try refused(nil, ["--seed", "8"], expect: "made with other options: seed 7 in the checkpoint, 8 now")
        try refused(nil, ["--minn", "2"], expect: "made with other options: subwords minn 3 maxn 6 bucket 5000 in the checkpoint, minn 2 maxn 6 bucket 5000 now")
        let shuffled = corpus(dir, "shuffled.txt", tokens: 12_000, shuffle: true)
        try refused(nil, corpus: shuffled, expect: "\(checkpoint): cannot resume this run: the checkpoint was made on another corpus (")
        let bigger = corpus(dir, "bigger.txt", tokens: 12_000, extra: "zzz\n")
        try refused(nil, corpus: bigger, expect: "\(checkpoint): cannot resume this run: the checkpoint was made with another vocabulary (")
        try refused(Data("hello\n".utf8), expect: "\(path): not an mt2st-embed checkpoint")
        try refused(good.prefix(good.count / 2), expect: "\(path): truncated checkpoint (\(good.count / 2) bytes, \(good.count) expected)")
        try refused(good.prefix(10), expect: "\(path): truncated checkpoint")
        var version = good
        version[8] = 99
        try refused(version, expect: "\(path): checkpoint format version 99; this mt2st-embed reads version 1")
        var header = good
        header[40] ^= 1
        try refused(header, expect: "\(path): corrupted checkpoint (header checksum mismatch)")
        var table = good
        table[good.count - 100] ^= 0x10
        try refused(table, expect: "\(path): corrupted checkpoint (table checksum mismatch)")
        try refused(good + Data([0]), expect: "\(path): corrupted checkpoint (1 bytes after the end)")
        // Another version of the trainer: the header names it (checksum made right, so only the version differs).
        var tool = good
        let headerLength = Int(good[12]) | Int(good[13]) << 8 | Int(good[14]) << 16
        let old = Data("word2vec-trainer 1".utf8), new = Data("word2vec-trainer 0".utf8)
        let range = try XCTUnwrap(tool.range(of: old, in: 20..<(20 + headerLength)))
        tool.replaceSubrange(range, with: new)
        let crc = Self.crc32(tool.prefix(20 + headerLength))
        for i in 0..<4 { tool[20 + headerLength + i] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i))) }
        try refused(tool, expect: "\(path): cannot resume this run: the checkpoint was made by another version of the trainer (mt2st-embed word2vec-trainer 0; this is mt2st-embed word2vec-trainer 1): start the run again")
        let missing = try CLI.run(args(dir, model: "fasttext", output: "out.txt", ["--resume", dir.at("missing.ckpt")]))
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains(dir.at("missing.ckpt")), missing.stderr)
    }

    /// What checkpoints do not cover is an error, not silently ignored.
    func testUnsupportedCombinationsAreErrors() throws {
        let dir = Scratch()
        corpus(dir, tokens: 3000)
        let pairs = dir.file("pairs.txt", "w1 w2 0.5\nw3 w4 0.2\n")
        for (extra, expected) in [
            (["--model", "glove", "--checkpoint", dir.at("c")], "--checkpoint is for the word2vec-family models"),
            (["--model", "glove", "--resume", dir.at("corpus.txt")], "--resume is for the word2vec-family models"),
            (["--checkpoint-every", "5"], "--checkpoint-every needs --checkpoint FILE"),
            (["--checkpoint", dir.at("c"), "--checkpoint-every", "0"], "--checkpoint-every must be a positive number of minutes (got 0.0)"),
            (["--checkpoint", dir.at("c"), "--schedule", "mtl", "--aux-similarity", pairs], "--checkpoint does not save the MT2ST auxiliary tasks' state yet (--schedule mtl)"),
            (["--checkpoint", dir.at("c"), "--eval-similarity", pairs], "--checkpoint does not save the per-epoch evaluation's history"),
            (["--checkpoint", dir.at("o.txt")], "--checkpoint"),
            (["--checkpoint", dir.at("corpus.txt")], "--checkpoint"),
        ] {
            let r = try CLI.run(["train", "--input", dir.at("corpus.txt"), "--output", dir.at("o.txt"), "--min-count", "1", "--dim", "8"] + extra)
            XCTAssertNotEqual(r.status, 0, "\(extra)")
            XCTAssertTrue(r.stderr.contains(expected), "\(extra): \(r.stderr)")
            XCTAssertFalse(dir.exists("o.txt"))
            XCTAssertFalse(dir.exists("c"))
        }
    }

    func testHelpDescribesTheOptions() throws {
        let help = try CLI.run(["train", "--help"]).stdout
        for option in ["--checkpoint <file>", "--checkpoint-every <minutes>", "--resume <file>"] {
            XCTAssertTrue(help.contains(option), option)
        }
    }

    /// CRC-32 (IEEE), bit by bit: independent of the tool's zlib call.
    static func crc32(_ data: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data {
            c ^= UInt32(b)
            for _ in 0..<8 { c = (c >> 1) ^ (0xEDB8_8320 & (0 &- (c & 1))) }
        }
        return ~c
    }
}
