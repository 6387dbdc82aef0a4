import XCTest

final class VocabCommandTests: XCTestCase {
    func testPrintsSizeAndWritesVocabulary() throws {
        let dir = Scratch()
        let input = dir.file("c.txt", "b a c a\nzz b a rare\nc b\n")
        let r = try CLI.run(["vocab", "--input", input, "--min-count", "2", "--output", dir.path + "/v.txt"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "vocabulary: 3 words, 8 tokens\n")
        XCTAssertEqual(try String(contentsOfFile: dir.path + "/v.txt", encoding: .utf8), "a 3\nb 3\nc 2\n")
    }

    func testBadInputGivesOneLineErrorAndNoOutput() throws {
        let dir = Scratch()
        let good = dir.file("good.txt", "a b c\n")
        var gz = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.syntheticCorpus("big.txt"))))
        // A gzip header followed by garbage: corrupt stream.
        gz = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3] + gz.prefix(100)
        FileManager.default.createFile(atPath: dir.path + "/bad.gz", contents: Data(gz))
        let cases: [([String], String)] = [
            (["--input", dir.path + "/missing.txt"], "missing.txt: cannot open: No such file or directory"),
            (["--input", dir.file("empty.txt", "\n \n")], "empty.txt: empty corpus"),
            (["--input", good, "--min-count", "5"], "no word occurs at least 5 times"),
            (["--input", dir.path + "/bad.gz"], "bad.gz: corrupt gzip data at compressed byte"),
            (["--input", good, "--min-count", "0"], "--min-count must be at least 1"),
            (["--input", good, "--max-vocab", "0"], "--max-vocab must be at least 1"),
        ]
        for (args, expected) in cases {
            let r = try CLI.run(["vocab"] + args + ["--output", dir.path + "/out.txt"])
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
            XCTAssertLessThanOrEqual(r.stderr.split(separator: "\n").filter { $0.hasPrefix("Error") || $0.contains("error") }.count, 1)
            XCTAssertFalse(dir.exists("out.txt"), "\(args) left an output file")
        }
        XCTAssertEqual(dir.listing.filter { $0.contains("tmp") }, [])
    }
}
