import Foundation
import XCTest

/// End-to-end runs of the MPI build under `mpirun --oversubscribe -np N` (built with
/// MT2ST_MPI=1; `make test` runs them). Every distributed run must match what one process does
/// where it can (the vocabulary), learn where it cannot (the vectors), and fail cleanly.
final class MPIRunTests: XCTestCase {
    static var binary: String { CLI.binary.path }

    struct Result {
        let status: Int32
        let stderr: String
    }

    /// Open MPI's settings for tests: allowed as root, shared memory without the kernel's
    /// cross-memory attach (often denied in containers).
    static let environment: [String: String] = {
        var e = ProcessInfo.processInfo.environment
        e["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
        e["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
        e["OMPI_MCA_btl_vader_single_copy_mechanism"] = "none"
        return e
    }()

    /// Starts `mpirun --oversubscribe` with `arguments` (after the launcher's own); stderr to a file.
    func launch(_ arguments: [String], stderr: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/mpirun")
        p.arguments = ["--oversubscribe"] + arguments
        p.environment = MPIRunTests.environment
        FileManager.default.createFile(atPath: stderr, contents: nil)
        p.standardError = FileHandle(forWritingAtPath: stderr)
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    func mpirun(_ np: Int, _ args: [String], in dir: Scratch) throws -> Result {
        let log = dir.at("mpirun-\(UUID().uuidString).log")
        let p = try launch(["-np", "\(np)", MPIRunTests.binary] + args, stderr: log)
        p.waitUntilExit()
        defer { try? FileManager.default.removeItem(atPath: log) }
        return Result(status: p.terminationStatus, stderr: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    func single(_ args: [String]) throws -> Result {
        let r = try CLI.run(args)
        return Result(status: r.status, stderr: r.stderr)
    }

    func train(_ input: [String], _ output: String, _ extra: [String] = []) -> [String] {
        ["train", "--output", output, "--min-count", "1", "--dim", "16", "--epochs", "2", "--threads", "1",
         "--sync-period", "0.05", "--sync-rows", "4"] + input.flatMap { ["--input", $0] } + extra
    }

    func vectors(_ path: String) throws -> [String: [Float]] {
        var out: [String: [Float]] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: " ")
            out[String(f[0])] = f.dropFirst().map { Float($0)! }
        }
        return out
    }

    func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let d = zip(a, b).map(*).reduce(0, +)
        return d / (sqrt(a.map { $0 * $0 }.reduce(0, +)) * sqrt(b.map { $0 * $0 }.reduce(0, +)))
    }

    /// The topics of `syntheticCorpus` are learned: same-topic words closer than cross-topic ones.
    func assertLearnsTopics(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let v = try vectors(path)
        let same = cosine(v["king"]!, v["queen"]!) + cosine(v["dog"]!, v["cat"]!)
        let cross = cosine(v["king"]!, v["dog"]!) + cosine(v["queen"]!, v["car"]!)
        XCTAssertGreaterThan(same, cross + 0.3, "same \(same) cross \(cross)", file: file, line: line)
    }

    func testTwoProcessesTrainEveryModelAndProcess0WritesOnce() throws {
        let dir = Scratch()
        let corpus = dir.syntheticCorpus("c.txt", lines: 3000)
        // One plain file, split by byte range: the merged vocabulary is exactly one process's.
        let reference = try single(["vocab", "--input", corpus, "--min-count", "1", "--output", dir.at("vocab-1.txt")])
        XCTAssertEqual(reference.status, 0, reference.stderr)
        for model in ["skipgram", "cbow", "fasttext", "fasttext-cbow"] {
            let out = dir.at("\(model).txt")
            let r = try mpirun(2, train([corpus], out, ["--model", model, "--save-vocab", dir.at("vocab-\(model).txt")]
                                        + (model.hasPrefix("fasttext") ? ["--bucket", "20000", "--save-model", dir.at("\(model).bin")] : [])), in: dir)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("distributed: 2 processes x 1 threads"), r.stderr)
            XCTAssertTrue(r.stderr.contains("epoch 2/2: loss"), r.stderr)
            XCTAssertTrue(r.stderr.contains("synchronisation: "), r.stderr)
            // Printed once (process 0), not once per process.
            XCTAssertEqual(r.stderr.split(separator: "\n").filter { $0.hasPrefix("vocabulary: ") }.count, 1, r.stderr)
            XCTAssertEqual(try String(contentsOfFile: dir.at("vocab-\(model).txt"), encoding: .utf8),
                           try String(contentsOfFile: dir.at("vocab-1.txt"), encoding: .utf8))
            try assertLearnsTopics(out)
        }
        XCTAssertTrue(dir.exists("fasttext.bin") && dir.exists("fasttext-cbow.bin"))
        XCTAssertFalse(dir.listing.contains { $0.contains(".tmp-") }, "\(dir.listing)")
    }

    func testShardsAreSharedAsWholeFilesAndCountsMergeExactly() throws {
        let dir = Scratch()
        try FileManager.default.createDirectory(atPath: dir.at("shards"), withIntermediateDirectories: true)
        for k in 0..<3 {
            let path = dir.syntheticCorpus("shards/part-\(k).txt", lines: 700 + 300 * k, seed: UInt64(k + 1))
            if k == 1 {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/bin/gzip")
                p.arguments = ["-n", path]
                try p.run()
                p.waitUntilExit()
            }
        }
        let reference = try single(["vocab", "--input", dir.at("shards"), "--min-count", "1", "--output", dir.at("vocab-1.txt")])
        XCTAssertEqual(reference.status, 0, reference.stderr)
        let r = try mpirun(3, train([dir.at("shards")], dir.at("v.txt"), ["--save-vocab", dir.at("vocab-3.txt")]), in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try String(contentsOfFile: dir.at("vocab-3.txt"), encoding: .utf8),
                       try String(contentsOfFile: dir.at("vocab-1.txt"), encoding: .utf8))
        try assertLearnsTopics(dir.at("v.txt"))
    }

    func testWithoutMPIRunTheMPIBuildIsOneProcess() throws {
        let dir = Scratch()
        let corpus = dir.syntheticCorpus("c.txt", lines: 500)
        let r = try single(train([corpus], dir.at("v.txt"), ["--seed", "4"]))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stderr.contains("distributed"), r.stderr)
        XCTAssertTrue(dir.exists("v.txt"))
    }

    func testFailuresStopEveryProcessAndWriteNothing() throws {
        let dir = Scratch()
        let corpus = dir.syntheticCorpus("c.txt", lines: 500)
        try FileManager.default.createDirectory(atPath: dir.at("shards"), withIntermediateDirectories: true)
        _ = dir.syntheticCorpus("shards/a.txt", lines: 500)
        dir.file("shards/b.txt.gz", Data([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xff, 0xff]))
        let gz = dir.file("one.txt.gz", Data([0x1f, 0x8b, 0x08, 0x00]))

        // One process cannot read its share (a.txt goes to process 0, the small b.txt.gz to 1): it is
        // named, the others stop too.
        let unreadable = try mpirun(2, train([dir.at("shards")], dir.at("out.txt")), in: dir)
        XCTAssertNotEqual(unreadable.status, 0)
        XCTAssertTrue(unreadable.stderr.contains("mt2st-embed: error: process 1: \(dir.at("shards/b.txt.gz")): "), unreadable.stderr)
        // One gzip file cannot be split.
        let split = try mpirun(2, train([gz], dir.at("out.txt")), in: dir)
        XCTAssertNotEqual(split.status, 0)
        XCTAssertTrue(split.stderr.contains("processes 0, 1: \(gz): a gzip file cannot be split between processes"), split.stderr)
        // Processes started with other options are refused (MPMD launch).
        let log = dir.at("mismatch.log")
        let p = try launch(["-np", "1", MPIRunTests.binary] + train([corpus], dir.at("out.txt"), ["--dim", "16"])
                           + [":", "-np", "1", MPIRunTests.binary] + train([corpus], dir.at("out.txt"), ["--dim", "24"]), stderr: log)
        p.waitUntilExit()
        let mismatch = try String(contentsOfFile: log, encoding: .utf8)
        try FileManager.default.removeItem(atPath: log)
        XCTAssertNotEqual(p.terminationStatus, 0)
        XCTAssertTrue(mismatch.contains("process 1 was started with other options than process 0: --dim 24 (process 0: 16)"), mismatch)
        // Training that diverges on the processes stops them all, with the reason.
        let diverged = try mpirun(2, train([corpus], dir.at("out.txt"), ["--alpha", "1e30"]), in: dir)
        XCTAssertNotEqual(diverged.status, 0)
        XCTAssertTrue(diverged.stderr.contains("training diverged in epoch 1"), diverged.stderr)
        XCTAssertTrue(diverged.stderr.contains("mt2st-embed: error: process"), diverged.stderr)
        // What does not run distributed yet says so.
        let glove = try mpirun(2, train([corpus], dir.at("out.txt"), ["--model", "glove"]), in: dir)
        XCTAssertNotEqual(glove.status, 0)
        XCTAssertTrue(glove.stderr.contains("--model glove does not run on several processes yet"), glove.stderr)
        let vocab = try mpirun(2, ["vocab", "--input", corpus, "--output", dir.at("out.txt")], in: dir)
        XCTAssertNotEqual(vocab.status, 0)
        XCTAssertTrue(vocab.stderr.contains("`vocab` does not run on several processes yet"), vocab.stderr)
        let aux = dir.file("aux.txt", ": family\nking queen man woman\n")
        let mtl = try mpirun(2, train([corpus], dir.at("out.txt"), ["--schedule", "mtl", "--aux-analogies", aux]), in: dir)
        XCTAssertNotEqual(mtl.status, 0)
        XCTAssertTrue(mtl.stderr.contains("not supported with mpirun yet"), mtl.stderr)
        for extra in [["--init-vectors", dir.file("start.txt", "1 16\nking " + Array(repeating: "0.5", count: 16).joined(separator: " ") + "\n")], ["--eval-analogies", aux]] {
            let r = try mpirun(2, train([corpus], dir.at("out.txt"), extra), in: dir)
            XCTAssertNotEqual(r.status, 0, "\(extra)")
            XCTAssertTrue(r.stderr.contains("\(extra[0]) is not supported with mpirun yet")
                          || r.stderr.contains("per-epoch evaluation (--eval-analogies"), r.stderr)
        }
        XCTAssertFalse(dir.exists("out.txt"))
        XCTAssertFalse(dir.listing.contains { $0.contains(".tmp-") }, "\(dir.listing)")
    }

    func testMoreWorkersThanCoresAreWarnedAbout() throws {
        let dir = Scratch()
        let corpus = dir.syntheticCorpus("c.txt", lines: 300)
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let r = try mpirun(2, train([corpus], dir.at("v.txt"), ["--threads", "\(threads)", "--epochs", "1"]), in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("warning: 2 processes x \(threads) threads on this machine"), r.stderr)
    }

    /// A process killed mid-training: mpirun ends the others, process 0 says why, no output and
    /// no temporary file.
    func testAKilledProcessStopsTheRunWithoutOutput() throws {
        let dir = Scratch()
        let corpus = dir.syntheticCorpus("c.txt", lines: 3000)
        let log = dir.at("kill.log")
        let p = try launch(["-np", "2", MPIRunTests.binary] + train([corpus], dir.at("out.txt"), ["--epochs", "500"]), stderr: log)
        // Wait until training runs (the progress line), then kill one rank (a child of mpirun).
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline, !((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("words/s") {
            Thread.sleep(forTimeInterval: 0.2)
        }
        let children = try String(contentsOfFile: "/proc/\(p.processIdentifier)/task/\(p.processIdentifier)/children", encoding: .utf8)
            .split(separator: " ").compactMap { Int32($0) }
        XCTAssertEqual(children.count, 2, "ranks: \(children)")
        kill(children.last!, SIGKILL)
        p.waitUntilExit()
        let stderr = try String(contentsOfFile: log, encoding: .utf8)
        try FileManager.default.removeItem(atPath: log)
        XCTAssertNotEqual(p.terminationStatus, 0)
        XCTAssertTrue(stderr.contains("exited on signal 9"), stderr)
        // mpirun ends process 0 with SIGTERM: it says so (the interruption handler, which removes any
        // temporary file) or, when the loss of the other process is seen first, that mpirun stopped it.
        XCTAssertTrue(stderr.contains("mt2st-embed: error: stopped by mpirun")
                      || stderr.contains("mt2st-embed: interrupted by SIGTERM"), stderr)
        XCTAssertEqual(dir.listing, ["c.txt"])
    }
}
