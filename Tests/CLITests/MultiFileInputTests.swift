import Foundation
import XCTest

final class MultiFileInputTests: XCTestCase {
    func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    func gzip(_ path: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-n", "-f", path]
        try! p.run()
        p.waitUntilExit()
    }

    func train(_ inputs: [String], _ output: String, stdin: String? = nil, model: String = "skipgram") throws -> CLI.Result {
        try CLI.run(["train", "--model", model, "--output", output, "--min-count", "1", "--dim", "12", "--epochs", "1",
                     "--threads", "1", "--seed", "3", "--quiet", "--bucket", "5000"] + inputs.flatMap { ["--input", $0] },
                    stdin: stdin)
    }

    /// Repeated --input, a directory of plain and gzip shards and standard input all train the
    /// same vectors as the one concatenated file (one thread, same seed), for every model.
    func testFilesDirectoriesAndStandardInputEqualTheConcatenatedFile() throws {
        let dir = Scratch()
        let whole = dir.syntheticCorpus("whole.txt", lines: 600)
        let text = try String(contentsOfFile: whole, encoding: .utf8)
        let all = lines(text).dropLast()
        try FileManager.default.createDirectory(atPath: dir.at("shards"), withIntermediateDirectories: true)
        let parts = [all[0..<200], all[200..<450], all[450...]].map { $0.joined(separator: "\n") + "\n" }
        dir.file("shards/part-0.txt", parts[0])
        dir.file("shards/part-1.txt", parts[1])
        gzip(dir.file("shards/part-1.txt", parts[1]))
        dir.file("shards/part-2.txt", parts[2])
        for model in ["skipgram", "cbow", "fasttext", "glove"] {
            let reference = try train([whole], dir.at("ref-\(model).txt"), model: model)
            XCTAssertEqual(reference.status, 0, reference.stderr)
            let expected = try String(contentsOfFile: dir.at("ref-\(model).txt"), encoding: .utf8)
            let repeated = try train([dir.at("shards/part-0.txt"), dir.at("shards/part-1.txt.gz"), dir.at("shards/part-2.txt")],
                                     dir.at("rep-\(model).txt"), model: model)
            XCTAssertEqual(repeated.status, 0, repeated.stderr)
            XCTAssertEqual(try String(contentsOfFile: dir.at("rep-\(model).txt"), encoding: .utf8), expected, model)
            // The directory: part-0.txt, part-1.txt.gz, part-2.txt (sorted by name).
            let directory = try train([dir.at("shards")], dir.at("dir-\(model).txt"), model: model)
            XCTAssertEqual(directory.status, 0, directory.stderr)
            XCTAssertEqual(try String(contentsOfFile: dir.at("dir-\(model).txt"), encoding: .utf8), expected, model)
        }
        let piped = try train([dir.at("shards/part-0.txt"), "-"], dir.at("stdin.txt"), stdin: parts[1] + parts[2])
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(try String(contentsOfFile: dir.at("stdin.txt"), encoding: .utf8),
                       try String(contentsOfFile: dir.at("ref-skipgram.txt"), encoding: .utf8))
        let vocab = try CLI.run(["vocab", "--input", dir.at("shards"), "--min-count", "1"])
        XCTAssertEqual(vocab.status, 0, vocab.stderr)
        let single = try CLI.run(["vocab", "--input", whole, "--min-count", "1"])
        XCTAssertEqual(vocab.stdout, single.stdout)
    }

    func testBadInputsNameThePathAndWriteNothing() throws {
        let dir = Scratch()
        let good = dir.syntheticCorpus("good.txt", lines: 100)
        try FileManager.default.createDirectory(atPath: dir.at("empty"), withIntermediateDirectories: true)
        dir.file("bad.txt.gz", Data([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]))
        let cases: [([String], String)] = [
            ([good, dir.at("missing.txt")], dir.at("missing.txt") + ": cannot open"),
            ([dir.at("empty")], dir.at("empty") + ": cannot open: directory holds no corpus file"),
            ([good, good], good + " is given more than once"),
            ([good, dir.at("bad.txt.gz")], dir.at("bad.txt.gz") + ": truncated gzip stream"),
        ]
        for (inputs, message) in cases {
            let r = try train(inputs, dir.at("out.txt"))
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains(message), "\(message) in: \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertFalse(dir.exists("out.txt"))
        }
        let none = try CLI.run(["train", "--output", dir.at("out.txt")])
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.stderr.contains("--input"), none.stderr)
    }
}
