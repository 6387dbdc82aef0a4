import Foundation
import XCTest

final class TrainCommandTests: XCTestCase {
    /// A small corpus with planted pairs ("aK" next to "bK") among fillers.
    func corpus(in dir: URL, sentences: Int = 800) throws -> String {
        var state: UInt64 = 12345
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var text = ""
        for _ in 0..<sentences {
            var words: [String] = []
            for _ in 0..<3 {
                let k = next(8)
                words += ["f\(next(20))", "a\(k)", "b\(k)", "f\(next(20))"]
            }
            text += words.joined(separator: " ") + "\n"
        }
        let path = dir.appendingPathComponent("corpus.txt").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func small(_ input: String, _ output: String, _ extra: [String] = []) -> [String] {
        ["train", "--input", input, "--output", output, "--min-count", "1", "--dim", "16", "--epochs", "2",
         "--threads", "1", "--seed", "5"] + extra
    }

    func files(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    func testTrainsWritesTextAndBinaryAndReportsProgress() throws {
        let dir = try makeTemporaryDirectory(self)
        let input = try corpus(in: dir)
        let text = dir.appendingPathComponent("v.txt").path
        let r = try runCLI(small(input, text, ["--save-vocab", dir.appendingPathComponent("vocab.txt").path]))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("vocabulary: 36 words"), r.stderr)
        XCTAssertTrue(r.stderr.contains("memory: about"), r.stderr)
        XCTAssertTrue(r.stderr.contains("epoch 2/2: loss"), r.stderr)
        XCTAssertTrue(r.stderr.contains("words/s"), r.stderr)
        let lines = try String(contentsOfFile: text, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first, "36 16")
        XCTAssertEqual(lines.count, 37)
        XCTAssertEqual(lines[1].split(separator: " ").count, 17)

        let bin = dir.appendingPathComponent("v.bin").path
        let b = try runCLI(small(input, bin, ["--binary", "--quiet"]))
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertFalse(b.stderr.contains("epoch 1/2"), "--quiet hides progress")
        let data = try Data(contentsOf: URL(fileURLWithPath: bin))
        XCTAssertTrue(data.starts(with: Array("36 16\n".utf8)))
        // Header + per word: word, space, 16 floats, newline.
        let words = try String(contentsOfFile: dir.appendingPathComponent("vocab.txt").path, encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: " ")[0] }
        XCTAssertEqual(data.count, 6 + words.reduce(0) { $0 + $1.utf8.count + 1 + 64 + 1 })
        // Text and binary runs with the same seed and one thread hold the same vectors.
        let firstWord = String(words[0])
        XCTAssertTrue(lines[1].hasPrefix(firstWord + " "))
        let start = 6 + firstWord.utf8.count + 1
        let v0 = data.subdata(in: start..<(start + 4)).withUnsafeBytes { Float(bitPattern: UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
        XCTAssertEqual(Float(lines[1].split(separator: " ")[1])!, v0, accuracy: 1e-6)
    }

    func testSameSeedOneThreadGivesIdenticalFiles() throws {
        let dir = try makeTemporaryDirectory(self)
        let input = try corpus(in: dir)
        for model in ["skipgram", "cbow"] {
            let a = dir.appendingPathComponent("a-\(model).txt").path, b = dir.appendingPathComponent("b-\(model).txt").path
            XCTAssertEqual(try runCLI(small(input, a, ["--model", model, "--quiet"])).status, 0)
            XCTAssertEqual(try runCLI(small(input, b, ["--model", model, "--quiet"])).status, 0)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: a)), try Data(contentsOf: URL(fileURLWithPath: b)), model)
        }
    }

    func testReadVocabRestrictsTheWords() throws {
        let dir = try makeTemporaryDirectory(self)
        let input = try corpus(in: dir)
        let vocab = dir.appendingPathComponent("vocab.txt").path
        try "a1 10\nb1 10\na2 5\n".write(toFile: vocab, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("v.txt").path
        let r = try runCLI(small(input, out, ["--read-vocab", vocab, "--quiet"]))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("3 16\na1 "))
    }

    /// Every bad input: one clear line, non-zero exit, no output file.
    func testBadInputsFailCleanlyWithoutOutput() throws {
        let dir = try makeTemporaryDirectory(self)
        let input = try corpus(in: dir, sentences: 100)
        let out = dir.appendingPathComponent("v.txt").path
        let tiny = dir.appendingPathComponent("tiny.txt").path
        try "same same same\n".write(toFile: tiny, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (small(input, out, ["--dim", "0"]), "--dim must be at least 1"),
            (small(input, out, ["--window", "0"]), "--window must be at least 1"),
            (small(input, out, ["--negative", "0"]), "--negative must be at least 1"),
            (small(input, out, ["--epochs", "0"]), "--epochs must be at least 1"),
            (small(input, out, ["--threads", "0"]), "--threads must be at least 1"),
            (small(input, out, ["--alpha", "1e30", "--min-alpha", "1e29"]), "training diverged"),
            (small(tiny, out), "training needs at least 2"),
            (small(dir.appendingPathComponent("missing.txt").path, out), "missing.txt"),
            (small(input, dir.appendingPathComponent("no/such/dir/v.txt").path), "no/such/dir/v.txt: cannot write"),
            (small(input, dir.path), "is a directory"),
        ]
        for (args, message) in cases {
            let r = try runCLI(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains("mt2st-embed: error: "), r.stderr)
            XCTAssertTrue(r.stderr.contains(message), "expected '\(message)' in: \(r.stderr)")
            XCTAssertEqual(try files(dir), ["corpus.txt", "tiny.txt"], "\(args) left files behind")
        }
    }

    func testHelpExplainsEveryOption() throws {
        let r = try runCLI(["train", "--help"])
        XCTAssertEqual(r.status, 0)
        for option in ["--model", "--input", "--output", "--dim", "--window", "--negative", "--min-count", "--max-vocab",
                       "--sample", "--epochs", "--alpha", "--min-alpha", "--threads", "--seed", "--binary",
                       "--save-vocab", "--read-vocab", "--quiet", "--kernel", "--cbow-sum"] {
            XCTAssertTrue(r.stdout.contains(option), option)
        }
        XCTAssertTrue(r.stdout.contains("default: 100"), r.stdout)
    }
}
