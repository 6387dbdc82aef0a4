import Foundation
import XCTest

/// `train --init-vectors FILE` for every model.
final class WarmStartCommandTests: XCTestCase {
    func train(_ dir: Scratch, _ model: String, _ output: String, _ extra: [String] = []) throws -> CLI.Result {
        let corpus = dir.exists("corpus.txt") ? dir.at("corpus.txt") : dir.syntheticCorpus(lines: 200)
        return try CLI.run(["train", "--model", model, "--input", corpus, "--output", dir.at(output), "--min-count", "1",
                            "--dim", "8", "--epochs", "1", "--threads", "1", "--bucket", "400", "--quiet"] + extra)
    }

    func vectors(_ path: String) throws -> [String: [Double]] {
        var out: [String: [Double]] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: " ")
            out[String(f[0])] = f.dropFirst().map { Double($0)! }
        }
        return out
    }

    /// Every word's vector within `accuracy` of the start's (or, with `different`, some word's not).
    func assertSame(_ a: [String: [Double]], _ b: [String: [Double]], _ what: String, accuracy: Double = 3e-6,
                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        let worst = a.map { w, v in zip(v, b[w] ?? []).map { abs($0 - $1) }.max() ?? .infinity }.max() ?? .infinity
        XCTAssertLessThan(worst, accuracy, what, file: file, line: line)
    }

    /// With a learning rate of 1e-9 training barely moves the vectors, so the output is the start.
    func testEveryModelStartsFromTheGivenVectors() throws {
        let dir = Scratch()
        XCTAssertEqual(try train(dir, "skipgram", "start.txt", ["--epochs", "3"]).status, 0)
        let start = try vectors(dir.at("start.txt"))
        let still = ["--alpha", "1e-9"]
        // Control: without the start, the same run is far from it.
        XCTAssertEqual(try train(dir, "skipgram", "random.txt", still).status, 0)
        let random = try vectors(dir.at("random.txt"))
        XCTAssertGreaterThan(random.map { w, v in zip(v, start[w]!).map { abs($0 - $1) }.max()! }.max()!, 0.01)

        for (model, extra) in [("skipgram", []), ("cbow", []), ("glove", ["--glove-output", "word"])] {
            let r = try train(dir, model, "\(model).txt", still + extra + ["--init-vectors", dir.at("start.txt")])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("initialised 21 of 21 words from \(dir.at("start.txt"))\n"), r.stderr)
            assertSame(try vectors(dir.at("\(model).txt")), start, model)
        }
        // From a fastText .bin: FastText continues from its word, n-gram and output rows; the
        // others start from the vectors the model composes.
        XCTAssertEqual(try train(dir, "fasttext", "ft.txt", ["--save-model", dir.at("ft.bin"), "--epochs", "3"]).status, 0)
        let composed = try vectors(dir.at("ft.txt"))
        for model in ["fasttext", "fasttext-cbow", "skipgram", "cbow"] {
            let r = try train(dir, model, "from-bin-\(model).txt", still + ["--init-vectors", dir.at("ft.bin")])
            XCTAssertEqual(r.status, 0, r.stderr)
            let ngrams = model.hasPrefix("fasttext") ? ", 184 n-gram rows" : ""
            XCTAssertTrue(r.stderr.contains("initialised 21 of 21 words from \(dir.at("ft.bin"))\(ngrams), 21 output rows\n"), r.stderr)
            assertSame(try vectors(dir.at("from-bin-\(model).txt")), composed, model)
        }
    }

    func testPartialFilesBinaryFilesAndOtherNgramOptions() throws {
        let dir = Scratch()
        XCTAssertEqual(try train(dir, "skipgram", "start.bin", ["--binary"]).status, 0)
        let b = try train(dir, "cbow", "out.txt", ["--init-vectors", dir.at("start.bin")])
        XCTAssertTrue(b.stderr.contains("initialised 21 of 21 words from"), b.stderr)
        let few = dir.file("few.vec", "3 8\nking 1 2 3 4 5 6 7 8 \nqueen 1 1 1 1 1 1 1 1 \nnotaword 0 0 0 0 0 0 0 1 \n")
        let r = try train(dir, "skipgram", "few.txt", ["--init-vectors", few, "--alpha", "1e-9"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("initialised 2 of 21 words from \(few)\n"), r.stderr)
        XCTAssertEqual(try vectors(dir.at("few.txt"))["king"]!.map { $0.rounded() }, [1, 2, 3, 4, 5, 6, 7, 8])
        // A model with other n-gram options: words and output rows only.
        XCTAssertEqual(try train(dir, "fasttext", "ft.txt", ["--save-model", dir.at("ft.bin")]).status, 0)
        let other = try train(dir, "fasttext", "o.txt", ["--init-vectors", dir.at("ft.bin"), "--maxn", "4"])
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertTrue(other.stderr.contains("21 output rows (n-gram rows left random: the model has minn 3 maxn 6 bucket 400, the run 3 4 400)"),
                      other.stderr)
    }

    func testBadStartFilesGiveOneLineErrorsAndNoOutput() throws {
        let dir = Scratch()
        XCTAssertEqual(try train(dir, "skipgram", "start.txt").status, 0)
        let cases: [(String, String, String)] = [
            ("skipgram", dir.at("start.txt"), "start.txt: vectors of dimension 8, but --dim is 5"),
            ("glove", dir.at("start.txt"), "start.txt: vectors of dimension 8, but --dim is 5"),
            ("skipgram", dir.at("missing.txt"), "missing.txt: cannot open: No such file or directory"),
            ("skipgram", dir.file("glove.txt", "king 1 2 3 4 5\n"), "glove.txt: no 'count dimension' header line"),
            ("skipgram", dir.file("bad.txt", "2 5\nking 1 2 3 4 5\nqueen 1 2\n"), "bad.txt:3: expected 5 values after the word, found 2"),
        ]
        for (model, file, expected) in cases {
            let r = try train(dir, model, "out.txt", ["--dim", "5", "--init-vectors", file])
            XCTAssertEqual(r.status, 1, "\(file)")
            XCTAssertTrue(r.stderr.hasPrefix("mt2st-embed: error: \(dir.path)/\(expected)"), r.stderr)
            XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr)
            XCTAssertFalse(dir.exists("out.txt"))
        }
    }
}
