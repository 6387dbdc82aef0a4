import Foundation
import XCTest

final class TrainCommandTests: XCTestCase {
    /// A small corpus with planted pairs ("aK" next to "bK") among fillers.
    func corpus(in dir: Scratch, sentences: Int = 800) throws -> String {
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
        let path = dir.at("corpus.txt")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func small(_ input: String, _ output: String, _ extra: [String] = []) -> [String] {
        ["train", "--input", input, "--output", output, "--min-count", "1", "--dim", "16", "--epochs", "2",
         "--threads", "1", "--seed", "5"] + extra
    }

    func testTrainsWritesTextAndBinaryAndReportsProgress() throws {
        let dir = Scratch()
        let input = try corpus(in: dir)
        let text = dir.at("v.txt")
        let r = try CLI.run(small(input, text, ["--save-vocab", dir.at("vocab.txt")]))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("vocabulary: 36 words"), r.stderr)
        XCTAssertTrue(r.stderr.contains("memory: about"), r.stderr)
        XCTAssertTrue(r.stderr.contains("epoch 2/2: loss"), r.stderr)
        XCTAssertTrue(r.stderr.contains("words/s"), r.stderr)
        let lines = try String(contentsOfFile: text, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first, "36 16")
        XCTAssertEqual(lines.count, 37)
        XCTAssertEqual(lines[1].split(separator: " ").count, 17)

        let bin = dir.at("v.bin")
        let b = try CLI.run(small(input, bin, ["--binary", "--quiet"]))
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertFalse(b.stderr.contains("epoch 1/2"), "--quiet hides progress")
        let data = try Data(contentsOf: URL(fileURLWithPath: bin))
        XCTAssertTrue(data.starts(with: Array("36 16\n".utf8)))
        // Header + per word: word, space, 16 floats, newline.
        let words = try String(contentsOfFile: dir.at("vocab.txt"), encoding: .utf8)
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
        let dir = Scratch()
        let input = try corpus(in: dir)
        for model in ["skipgram", "cbow"] {
            let a = dir.at("a-\(model).txt"), b = dir.at("b-\(model).txt")
            XCTAssertEqual(try CLI.run(small(input, a, ["--model", model, "--quiet"])).status, 0)
            XCTAssertEqual(try CLI.run(small(input, b, ["--model", model, "--quiet"])).status, 0)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: a)), try Data(contentsOf: URL(fileURLWithPath: b)), model)
        }
    }

    func testTwoThreadsReportTheirBusyTime() throws {
        let dir = Scratch()
        let input = try corpus(in: dir, sentences: 3000)
        for hot in ["0", "8"] {
            let r = try CLI.run(["train", "--input", input, "--output", dir.at("v\(hot).txt"), "--min-count", "1", "--dim", "16",
                                 "--epochs", "2", "--threads", "2", "--hot-rows", hot])
            XCTAssertEqual(r.status, 0, r.stderr)
            let line = r.stderr.split(separator: "\n").first { $0.hasPrefix("threads busy ") }
            XCTAssertNotNil(line, r.stderr)
            XCTAssertTrue(line?.hasSuffix("% idle)") ?? false, "\(line ?? "")")
        }
        let one = try CLI.run(small(input, dir.at("v1.txt")))
        XCTAssertFalse(one.stderr.contains("threads busy"), "one thread: no line")
    }

    func testReadVocabRestrictsTheWords() throws {
        let dir = Scratch()
        let input = try corpus(in: dir)
        let vocab = dir.at("vocab.txt")
        try "a1 10\nb1 10\na2 5\n".write(toFile: vocab, atomically: true, encoding: .utf8)
        let out = dir.at("v.txt")
        let r = try CLI.run(small(input, out, ["--read-vocab", vocab, "--quiet"]))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("3 16\na1 "))
    }

    /// Every bad input: one clear line, non-zero exit, no output file.
    func testBadInputsFailCleanlyWithoutOutput() throws {
        let dir = Scratch()
        let input = try corpus(in: dir, sentences: 100)
        let out = dir.at("v.txt")
        let tiny = dir.at("tiny.txt")
        try "same same same\n".write(toFile: tiny, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (small(input, out, ["--dim", "0"]), "--dim must be at least 1"),
            (small(input, out, ["--window", "0"]), "--window must be at least 1"),
            (small(input, out, ["--negative", "0"]), "--negative must be at least 1"),
            (small(input, out, ["--epochs", "0"]), "--epochs must be at least 1"),
            (small(input, out, ["--threads", "0"]), "--threads must be at least 1"),
            (small(input, out, ["--hot-rows", "-1"]), "--hot-rows must be 0 or positive"),
            (small(input, out, ["--alpha", "1e30", "--min-alpha", "1e29"]), "training diverged"),
            (small(tiny, out), "training needs at least 2"),
            (small(dir.at("missing.txt"), out), "missing.txt"),
            (small(input, dir.at("no/such/dir/v.txt")), "no/such/dir/v.txt: cannot write"),
            (small(input, dir.path), "is a directory"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains("mt2st-embed: error: "), r.stderr)
            XCTAssertTrue(r.stderr.contains(message), "expected '\(message)' in: \(r.stderr)")
            XCTAssertEqual(dir.listing, ["corpus.txt", "tiny.txt"], "\(args) left files behind")
        }
    }

    func testHelpExplainsEveryOption() throws {
        let r = try CLI.run(["train", "--help"])
        XCTAssertEqual(r.status, 0)
        for option in ["--model", "--input", "--output", "--dim", "--window", "--negative", "--min-count", "--max-vocab",
                       "--sample", "--epochs", "--alpha", "--min-alpha", "--threads", "--seed", "--binary",
                       "--save-vocab", "--read-vocab", "--quiet", "--kernel", "--cbow-sum", "--hot-rows"] {
            XCTAssertTrue(r.stdout.contains(option), option)
        }
        XCTAssertTrue(r.stdout.contains("default: 100"), r.stdout)
    }
}
