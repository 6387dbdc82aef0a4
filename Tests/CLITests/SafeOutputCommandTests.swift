import Foundation
import XCTest

/// Nothing lost, nothing crashes: outputs never overwrite inputs, hostile sizes are errors,
/// interrupted writes leave nothing, multi-file outputs are all or nothing.
final class SafeOutputCommandTests: XCTestCase {
    func corpus(_ s: Scratch, lines: Int = 300) -> String {
        var text = ""
        for i in 0..<lines { text += (0..<12).map { "w\(($0 * 7 + i * 3) % 40)" }.joined(separator: " ") + "\n" }
        return s.file("c.txt", text)
    }

    // MARK: - outputs that alias inputs

    func testTrainRefusesToOverwriteItsCorpusForEveryModel() throws {
        let s = Scratch()
        let c = corpus(s)
        let before = try Data(contentsOf: URL(fileURLWithPath: c))
        for model in ["skipgram", "cbow", "fasttext", "fasttext-cbow", "glove"] {
            let r = try CLI.run(["train", "--model", model, "--input", c, "--output", c, "--min-count", "1", "--epochs", "1"])
            XCTAssertEqual(r.status, 1, model)
            XCTAssertTrue(r.stderr.contains("--output \(c) is the same file as --input \(c)"), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: c)), before, model)
        }
        let vocab = try CLI.run(["train", "--input", c, "--output", s.at("v.txt"), "--save-vocab", c, "--min-count", "1"])
        XCTAssertTrue(vocab.status == 1 && vocab.stderr.contains("--save-vocab \(c) is the same file as --input"), vocab.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: c)), before)
    }

    func testTwoOutputsOnOneFileAreRefused() throws {
        let s = Scratch()
        let c = corpus(s)
        let r = try CLI.run(["train", "--input", c, "--output", s.at("x.txt"), "--save-vocab", s.at("./x.txt"), "--min-count", "1"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("--save-vocab") && r.stderr.contains("and --output") && r.stderr.contains("are the same file"), r.stderr)
        XCTAssertFalse(s.exists("x.txt"))
    }

    func testLinksToAnInputAreTheSameFile() throws {
        let s = Scratch()
        let c = corpus(s)
        try FileManager.default.createSymbolicLink(atPath: s.at("sym.txt"), withDestinationPath: c)
        try FileManager.default.linkItem(atPath: c, toPath: s.at("hard.txt"))
        for out in [s.at("sym.txt"), s.at("hard.txt"), s.path + "/../" + URL(fileURLWithPath: s.path).lastPathComponent + "/c.txt"] {
            let r = try CLI.run(["vocab", "--input", c, "--output", out, "--min-count", "1"])
            XCTAssertEqual(r.status, 1, out)
            XCTAssertTrue(r.stderr.contains("is the same file as --input"), r.stderr)
        }
        XCTAssertTrue(try String(contentsOfFile: c, encoding: .utf8).hasPrefix("w0 "))
    }

    func testSplitExperimentAndReportRefuseOutputsOverTheirInputs() throws {
        let s = Scratch()
        try FileManager.default.createDirectory(atPath: s.at("splits"), withIntermediateDirectories: true)
        let questions = s.file("splits/analogies-train.txt", ": capital\n" + (0..<10).map { "a\($0) b\($0) c\($0) d\($0)\n" }.joined())
        let split = try CLI.run(["split", "--analogies", questions, "--output", s.at("splits")])
        XCTAssertEqual(split.status, 1)
        XCTAssertTrue(split.stderr.contains("--output (analogies-train.txt)") && split.stderr.contains("same file as --analogies"), split.stderr)
        try FileManager.default.createDirectory(atPath: s.at("out"), withIntermediateDirectories: true)
        let runs = s.file("out/runs.csv", "x")
        let valid = "model,strategy,seed,epoch,primary_loss,analogy_loss,similarity_loss,gamma_analogy,gamma_similarity,dev_total,"
            + "dev_semantic,dev_syntactic,test_total,test_semantic,test_syntactic,similarity_spearman,flops_primary,flops_analogy,"
            + "flops_similarity,seconds_primary,seconds_auxiliary,seconds_evaluation,failure\nskipgram,stl,1,1,1,,,0,0,5,5,5,5,5,5,5,1,0,0,1,0,0,\n"
        try valid.write(toFile: runs, atomically: true, encoding: .utf8)
        let report = try CLI.run(["report", "--runs", runs, "--output", s.at("out")])
        XCTAssertEqual(report.status, 1)
        XCTAssertTrue(report.stderr.contains("--output (runs.csv) \(s.at("out"))/runs.csv is the same file as --runs \(runs)"), report.stderr)
        XCTAssertEqual(try String(contentsOfFile: runs, encoding: .utf8), valid)
        try "x".write(toFile: runs, atomically: true, encoding: .utf8)
        let experiment = try CLI.run(["experiment", "--input", runs, "--analogies", questions, "--similarity", questions,
                                      "--output", s.at("out")])
        XCTAssertEqual(experiment.status, 1)
        XCTAssertTrue(experiment.stderr.contains("--output (runs.csv)") && experiment.stderr.contains("same file as --input"), experiment.stderr)
        XCTAssertEqual(try String(contentsOfFile: runs, encoding: .utf8), "x")
    }

    // MARK: - hostile sizes and bounds

    func testHugeHeaderIsAnErrorNotACrash() throws {
        let s = Scratch()
        let hostile = s.file("h.txt", "200000 100000\n" + String(repeating: "a\n", count: 200_000))
        let glove = s.file("g.txt", "the " + Array(repeating: "0.1", count: 200_000).joined(separator: " ") + "\n"
                           + String(repeating: "x 1\n", count: 50_000))
        let questions = s.file("q.txt", ": s\na b c d\n")
        for (args, file, line) in [(["evaluate", "--vectors", hostile, "--analogies", questions], hostile, 2),
                                   (["neighbors", "--vectors", hostile, "a"], hostile, 2),
                                   (["analogy", "--vectors", hostile, "a", "b", "c"], hostile, 2),
                                   (["neighbors", "--vectors", glove, "the"], glove, 2)] {
            let r = try CLI.run(args)
            XCTAssertEqual(r.status, 1, args.joined(separator: " "))
            XCTAssertTrue(r.stderr.hasPrefix("mt2st-embed: error: \(file):\(line): expected a word and"), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
    }

    func testEverySizeOptionIsBounded() throws {
        let s = Scratch()
        let c = corpus(s)
        let v = s.file("v.txt", "2 2\na 1 0\nb 0 1\n")
        let q = s.file("q.txt", ": s\na b a b\n")
        let cases: [([String], String)] = [
            (["train", "--model", "glove", "--input", c, "--output", s.at("o"), "--dim", "10000000"], "--dim must be at most 10000"),
            (["train", "--input", c, "--output", s.at("o"), "--dim", "10000000"], "--dim must be at most 10000"),
            (["train", "--model", "fasttext", "--input", c, "--output", s.at("o"), "--bucket", "99999999999"], "--bucket is too large"),
            (["train", "--model", "glove", "--input", c, "--output", s.at("o"), "--memory", "100000"], "--memory 100000.0 GB is more than this machine's"),
            (["evaluate", "--vectors", v, "--analogies", q, "--score-buffer-mb", "100000000"], "--score-buffer-mb must be at most"),
            (["train", "--input", c, "--output", s.at("o"), "--alpha", "-1"], "--alpha must be positive (got -1.0)"),
            (["train", "--input", c, "--output", s.at("o"), "--dim", "-5"], "--dim must be at least 1 (got -5)"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(args)
            XCTAssertNotEqual(r.status, 0, args.joined(separator: " "))
            XCTAssertTrue(r.stderr.contains(message), "\(args.joined(separator: " ")): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("Fatal error") || r.stderr.contains("Crash"), r.stderr)
        }
        XCTAssertFalse(s.exists("o"))
    }

    // MARK: - interruptions

    /// Starts `args`, waits until `ready()` or the process ends, sends `signal`, returns the status and stderr.
    func interrupt(_ args: [String], signal: Int32, environment: [String: String] = [:],
                   when ready: (Int32) -> Bool) throws -> (status: Int32, stderr: String, sent: Bool) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = args
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        final class Captured: @unchecked Sendable { var data = Data() }
        let captured = Captured()
        let done = DispatchSemaphore(value: 0)
        try process.run()
        DispatchQueue.global().async { captured.data = err.fileHandleForReading.readDataToEndOfFile(); done.signal() }
        let deadline = Date().addingTimeInterval(300)
        var sent = false
        while process.isRunning && Date() < deadline {
            if ready(process.processIdentifier) {
                kill(process.processIdentifier, signal)
                sent = true
                break
            }
            usleep(2_000)
        }
        if !sent { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        done.wait()
        return (process.terminationStatus, String(decoding: captured.data, as: UTF8.self), sent)
    }

    func testSIGTERMWhileTrainingLeavesNoOutputAndExits143() throws {
        let s = Scratch()
        let c = corpus(s, lines: 3000)
        let started = Date()
        let r = try interrupt(["train", "--input", c, "--output", s.at("v.txt"), "--save-vocab", s.at("vocab.txt"),
                               "--min-count", "1", "--epochs", "1000", "--threads", "2"], signal: SIGTERM) { _ in
            Date().timeIntervalSince(started) > 3
        }
        XCTAssertTrue(r.sent)
        XCTAssertEqual(r.status, 143, r.stderr)
        XCTAssertTrue(r.stderr.contains("interrupted by SIGTERM"), r.stderr)
        XCTAssertEqual(s.listing, ["c.txt"])
    }

    /// Ctrl-C while the vectors are being written: with named temporary files (the fallback where
    /// O_TMPFILE is refused) the half-written file is removed; with O_TMPFILE there is none.
    func testSIGINTWhileWritingRemovesTheTemporaryFile() throws {
        for named in [true, false] {
            let s = Scratch()
            let words = (0..<3000).map { "u\($0)" }
            let c = s.file("c.txt", stride(from: 0, to: words.count, by: 10).map { words[$0..<$0 + 10].joined(separator: " ") }.joined(separator: "\n") + "\n")
            try "previous".write(toFile: s.at("v.txt"), atomically: true, encoding: .utf8)
            let r = try interrupt(["train", "--input", c, "--output", s.at("v.txt"), "--min-count", "1", "--epochs", "1", "--dim", "3000",
                                   "--window", "1", "--negative", "1", "--threads", "1", "--quiet"],
                                  signal: SIGINT, environment: named ? ["MT2ST_NO_TMPFILE": "1"] : [:]) { pid in
                // Named: the temporary file is listed. O_TMPFILE: the process holds an unnamed file
                // in the folder ("/folder/#inode (deleted)" in /proc/PID/fd).
                named ? s.listing.contains { $0.hasPrefix("v.txt.tmp-") }
                    : ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []).contains { fd in
                        ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")) ?? "").hasPrefix(s.path + "/#")
                    }
            }
            XCTAssertTrue(r.sent, "the temporary file never appeared (named: \(named)): \(r.stderr)")
            XCTAssertEqual(r.status, 130, r.stderr)
            XCTAssertTrue(r.stderr.contains("interrupted by SIGINT; removed \(named ? 1 : 0) temporary file"), r.stderr)
            XCTAssertEqual(s.listing, ["c.txt", "v.txt"])
            XCTAssertEqual(try String(contentsOfFile: s.at("v.txt"), encoding: .utf8), "previous")
        }
    }

    // MARK: - all or nothing

    func testFailedSplitLeavesTheOldSplitsUntouched() throws {
        let s = Scratch()
        var questions = ""
        for section in ["capital", "gram1"] {
            questions += ": \(section)\n"
            for p in 0..<8 { for q in 0..<8 where q != p { questions += "\(section)a\(p) \(section)b\(p) \(section)a\(q) \(section)b\(q)\n" } }
        }
        let analogies = s.file("q.txt", questions)
        let similarity = s.file("s.tsv", (0..<10).map { "x\($0)\ty\($0)\t\($0)\n" }.joined())
        // similarity-test.tsv cannot be replaced: a non-empty folder of that name.
        try FileManager.default.createDirectory(atPath: s.at("splits/similarity-test.tsv"), withIntermediateDirectories: true)
        for name in ["analogies-train.txt", "analogies-dev.txt", "analogies-test.txt", "similarity-train.tsv"] {
            s.file("splits/" + name, "old")
        }
        s.file("splits/similarity-test.tsv/keep", "x")
        let r = try CLI.run(["split", "--analogies", analogies, "--similarity", similarity, "--output", s.at("splits")])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("similarity-test.tsv: cannot write: is a directory"), r.stderr)
        for name in ["analogies-train.txt", "analogies-dev.txt", "analogies-test.txt", "similarity-train.tsv"] {
            XCTAssertEqual(try String(contentsOfFile: s.at("splits/" + name), encoding: .utf8), "old", name)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: s.at("splits")).sorted(),
                       ["analogies-dev.txt", "analogies-test.txt", "analogies-train.txt", "similarity-test.tsv", "similarity-train.tsv"])
    }

    // MARK: - report on any value

    func testReportOnExtremeValuesStaysInsideItsFolder() throws {
        let s = Scratch()
        let header = "model,strategy,seed,epoch,primary_loss,analogy_loss,similarity_loss,gamma_analogy,gamma_similarity,dev_total,dev_semantic,dev_syntactic,test_total,test_semantic,test_syntactic,similarity_spearman,flops_primary,flops_analogy,flops_similarity,seconds_primary,seconds_auxiliary,seconds_evaluation,failure\n"
        let rows = [
            "../../x,stl,1,1,0,,,0,0,1e-320,0,0,0,0,0,0,1,0,0,1,0,0,",
            "../../x,stl,1,2,1e-320,,,1.7e308,0,-1.7e308,0,0,1.7e308,0,0,0,2,0,0,2,0,0,",
            "../../x,mtl,1,1,-1.7e308,inf,,nan,0,1.7e308,0,0,0,0,0,0,1e308,0,0,1e308,0,0,",
            "/etc/passwd,stl,1,1,1,,,0,0,5,5,5,5,5,5,5,1,0,0,1,0,0,",
        ]
        let runs = s.file("runs.csv", header + rows.joined(separator: "\n") + "\n")
        let r = try CLI.run(["report", "--runs", runs, "--output", s.at("a/b/report")])
        XCTAssertEqual(r.status, 0, r.stderr)
        let written = try FileManager.default.contentsOfDirectory(atPath: s.at("a/b/report")).sorted()
        XCTAssertTrue(written.contains("______x-dev-accuracy.svg") && written.contains("_etc_passwd-gamma.svg"), "\(written)")
        XCTAssertEqual(written.count, 2 + 2 * 3)
        XCTAssertEqual(s.listing, ["a", "runs.csv"])
        let chart = try String(contentsOfFile: s.at("a/b/report/______x-dev-accuracy.svg"), encoding: .utf8)
        XCTAssertTrue(chart.hasSuffix("</svg>\n") && !chart.contains("nan") && !chart.contains("inf\""), chart)
    }
}

/// The fuzz targets' seed corpora replay through the normal build of `mt2st-fuzz` (the fuzzing
/// itself runs in `make test` after the suite, and in `make fuzz`).
final class FuzzSeedTests: XCTestCase {
    func testEverySeedReplaysWithoutACrash() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz/seeds").standardized.path
        let targets = try FileManager.default.contentsOfDirectory(atPath: seeds).sorted()
        XCTAssertEqual(targets, ["analogies", "corpus", "model", "runs-csv", "similarity", "vectors-binary", "vectors-glove",
                                 "vectors-text", "vocabulary"])
        for target in targets {
            let files = try FileManager.default.contentsOfDirectory(atPath: seeds + "/" + target).sorted().map { seeds + "/" + target + "/" + $0 }
            XCTAssertFalse(files.isEmpty, target)
            let process = Process()
            process.executableURL = CLI.binary.deletingLastPathComponent().appendingPathComponent("mt2st-fuzz")
            process.arguments = [target] + files
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, target)
            XCTAssertTrue(text.contains("\(target): \(files.count) input"), text)
        }
    }
}
