import Foundation
import XCTest

final class GloVeCommandTests: XCTestCase {
    /// The command line that runs GloVe.
    static let glove = ["train", "--model", "glove"]

    func testTrainsAndWritesWord2VecTextAndBinary() throws {
        let dir = Scratch()
        let corpus = dir.syntheticCorpus()
        let tmp = dir.path + "/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        let r = try CLI.run(Self.glove + ["--input", corpus, "--output", dir.path + "/v.txt", "--dim", "12",
                                          "--epochs", "4", "--threads", "2", "--x-max", "10", "--temp-dir", tmp])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = try String(contentsOfFile: dir.path + "/v.txt", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first, "21 12")
        XCTAssertEqual(lines.count, 22)
        XCTAssertTrue(lines.dropFirst().allSatisfy { $0.split(separator: " ").count == 13 })
        XCTAssertTrue(r.stderr.contains("co-occurrence memory:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("epoch 4/4: cost"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp), [], "temporary files left behind")

        let b = try CLI.run(Self.glove + ["--input", corpus, "--output", dir.path + "/v.bin", "--dim", "12",
                                          "--epochs", "1", "--binary", "--quiet"])
        XCTAssertEqual(b.status, 0, b.stderr)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/v.bin"))
        var expectedBytes = "21 12\n".utf8.count
        for line in lines.dropFirst() {
            let word = line.split(separator: " ")[0]
            expectedBytes += word.utf8.count + 1 + 12 * 4 + 1
        }
        XCTAssertEqual(data.count, expectedBytes)
    }

    func testSameSeedOneThreadGivesIdenticalFiles() throws {
        let dir = Scratch()
        let corpus = dir.syntheticCorpus(lines: 500)
        for name in ["a.txt", "b.txt"] {
            let r = try CLI.run(Self.glove + ["--input", corpus, "--output", dir.path + "/" + name, "--dim", "8",
                                              "--epochs", "3", "--threads", "1", "--seed", "7", "--quiet"])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/a.txt")),
                       try Data(contentsOf: URL(fileURLWithPath: dir.path + "/b.txt")))
    }

    func testBadInputGivesOneLineErrorNoOutputNoTemporaryFiles() throws {
        let dir = Scratch()
        let corpus = dir.syntheticCorpus(lines: 300)
        let tmp = dir.path + "/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        let notADirectory = dir.file("plain-file", "x")
        let cases: [([String], String)] = [
            (["--memory", "0.0005", "--temp-dir", tmp], "is too small for co-occurrence counting over 21 words"),
            (["--window", "0", "--temp-dir", tmp], "--window must be at least 1"),
            (["--x-max", "0", "--temp-dir", tmp], "--x-max must be positive"),
            (["--x-max=-3", "--temp-dir", tmp], "--x-max must be positive"),
            (["--memory", "0", "--temp-dir", tmp], "--memory must be a positive number of GB"),
            (["--temp-dir", dir.path + "/missing"], "missing: cannot use temporary files there: No such file or directory"),
            (["--temp-dir", notADirectory], "plain-file: cannot use temporary files there: Not a directory"),
            // Fails after counting and shuffling: their temporary files must be gone too.
            (["--alpha", "1e30", "--temp-dir", tmp], "training diverged in epoch 1"),
        ]
        for (args, expected) in cases {
            let r = try CLI.run(Self.glove + ["--input", corpus, "--output", dir.path + "/out.txt", "--epochs", "1"] + args)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.stderr.contains("mt2st-embed: error: "), "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").filter { $0.contains("error") }.count, 1, r.stderr)
            XCTAssertFalse(dir.exists("out.txt"), "\(args) left an output file")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp), [], "\(args) left temporary files")
        }
        XCTAssertEqual(dir.listing.filter { $0.contains("tmp-") || $0.contains("probe") }, [])
    }
}
