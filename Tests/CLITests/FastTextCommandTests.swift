import Foundation
import XCTest

final class FastTextCommandTests: XCTestCase {
    func train(_ dir: Scratch, _ extra: [String], output: String = "v.vec") throws -> CLI.Result {
        let corpus = dir.syntheticCorpus(lines: 300)
        return try CLI.run(["train", "--input", corpus, "--output", dir.path + "/" + output, "--min-count", "1",
                            "--dim", "16", "--epochs", "2", "--threads", "1", "--quiet"] + extra)
    }

    /// word -> numbers, from a word2vec text file or `vector` output (lines 'word v1 ... vD').
    func vectors(_ text: String, header: Bool) -> [String: [Double]] {
        var out: [String: [Double]] = [:]
        for line in text.split(separator: "\n").dropFirst(header ? 1 : 0) {
            let f = line.split(separator: " ")
            out[String(f[0])] = f.dropFirst().map { Double($0)! }
        }
        return out
    }

    func testTrainsSavesTheModelAndGivesVectorsToUnknownWords() throws {
        let dir = Scratch()
        let r = try train(dir, ["--model", "fasttext", "--bucket", "3000", "--save-model", dir.path + "/m.bin"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("memory: about"), r.stderr)
        XCTAssertTrue(r.stderr.contains("minn 3 maxn 6 bucket 3000"), r.stderr)
        let written = vectors(try String(contentsOfFile: dir.path + "/v.vec", encoding: .utf8), header: true)
        XCTAssertEqual(written.count, 21)

        let v = try CLI.run(["vector", "--model", dir.path + "/m.bin", "king", "kingdoms"])
        XCTAssertEqual(v.status, 0, v.stderr)
        let printed = vectors(v.stdout, header: false)
        XCTAssertEqual(printed["king"]?.count, 16)
        XCTAssertEqual(printed["kingdoms"]?.count, 16)
        for (a, b) in zip(printed["king"]!, written["king"]!) { XCTAssertEqual(a, b, accuracy: 2e-6) }
        XCTAssertTrue(v.stderr.contains("'kingdoms' is not in the vocabulary: vector from"), v.stderr)
        XCTAssertFalse(v.stderr.contains("'king'"), v.stderr)

        // Words from standard input.
        let s = try CLI.run(["vector", "--model", dir.path + "/m.bin", "--quiet"], stdin: "queen\n\npuppies\n")
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertEqual(s.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) }, ["queen", "puppies"])
        XCTAssertEqual(s.stderr, "")
    }

    func testNeighborsOfKnownAndUnknownWordsFromTheModel() throws {
        let dir = Scratch()
        let m = dir.path + "/m.bin"
        XCTAssertEqual(try train(dir, ["--model", "fasttext", "--bucket", "3000", "--save-model", m]).status, 0)
        let r = try CLI.run(["neighbors", "--model", m, "-k", "3", "kitten", "kittens"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 8, r.stdout)
        XCTAssertEqual(lines[0], "neighbors of kitten:")
        XCTAssertTrue(lines[4].hasPrefix("neighbors of kittens (not in the vocabulary, vector from "), lines[4])
        // The unknown plural's nearest word is the singular, from their shared n-grams.
        XCTAssertTrue(lines[5].hasSuffix("  kitten"), r.stdout)
        // The same neighbours as from the written vectors for a known word.
        let v = try CLI.run(["neighbors", "--vectors", dir.path + "/v.vec", "-k", "3", "kitten"])
        XCTAssertEqual(Array(v.stdout.split(separator: "\n").map(String.init).dropFirst()).map { $0.suffix(8) },
                       Array(lines[1...3]).map { $0.suffix(8) })

        let off = dir.path + "/off.bin"
        XCTAssertEqual(try train(dir, ["--model", "fasttext", "--maxn", "0", "--minn", "0", "--save-model", off]).status, 0)
        let unknown = try CLI.run(["neighbors", "--model", off, "kittens"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("'kittens' is not in the vocabulary (21 words) and has no vector"), unknown.stderr)
        let both = try CLI.run(["neighbors", "--model", off, "--vectors", dir.path + "/v.vec", "dog"])
        XCTAssertNotEqual(both.status, 0)
        XCTAssertTrue(both.stderr.contains("give either --vectors FILE or --model FILE"), both.stderr)
    }

    func testWordWithoutNgramsGetsAMessageNotAZeroVector() throws {
        let dir = Scratch()
        XCTAssertEqual(try train(dir, ["--model", "fasttext", "--minn", "0", "--maxn", "0", "--save-model", dir.path + "/off.bin"]).status, 0)
        let off = try CLI.run(["vector", "--model", dir.path + "/off.bin", "dog", "doggo"])
        XCTAssertEqual(off.status, 1)
        XCTAssertEqual(off.stdout.split(separator: "\n").count, 1, off.stdout)
        XCTAssertTrue(off.stdout.hasPrefix("dog "))
        XCTAssertTrue(off.stderr.contains("'doggo' is not in the vocabulary (21 words) and has no vector: the model was trained without subwords"), off.stderr)

        XCTAssertEqual(try train(dir, ["--model", "fasttext", "--minn", "5", "--maxn", "6", "--bucket", "500", "--save-model", dir.path + "/long.bin"]).status, 0)
        let short = try CLI.run(["vector", "--model", dir.path + "/long.bin", "ab"])
        XCTAssertEqual(short.status, 1)
        XCTAssertEqual(short.stdout, "")
        XCTAssertTrue(short.stderr.contains("has no vector: it has no character n-gram of 5...6 characters"), short.stderr)
    }

    func testWithoutSubwordsTheVectorsAreSkipGramsAndCBOWs() throws {
        let dir = Scratch()
        for (word2vec, fastText) in [("skipgram", "fasttext"), ("cbow", "fasttext-cbow")] {
            XCTAssertEqual(try train(dir, ["--model", word2vec], output: "w.vec").status, 0)
            XCTAssertEqual(try train(dir, ["--model", fastText, "--minn", "0", "--maxn", "0"], output: "f.vec").status, 0)
            let w = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/w.vec"))
            let f = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/f.vec"))
            XCTAssertEqual(w, f, "\(fastText) --minn 0 --maxn 0 differs from \(word2vec)")
        }
    }

    func testBadOptionsAndBadModelFilesGiveOneLineErrorsAndNoOutput() throws {
        let dir = Scratch()
        let cases: [([String], String)] = [
            (["--model", "fasttext", "--minn", "4", "--maxn", "3"], "--minn (4) must not exceed --maxn (3)"),
            (["--model", "fasttext", "--bucket", "0"], "--bucket must be at least 1 when subwords are on"),
            (["--model", "fasttext-cbow", "--minn", "0", "--maxn", "2"], "--minn must be at least 1"),
            (["--model", "skipgram"], "--save-model needs --model fasttext"),
        ]
        for (args, expected) in cases {
            let r = try train(dir, args + ["--save-model", dir.path + "/m.bin"])
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
            XCTAssertEqual(dir.listing.filter { $0 != "corpus.txt" }, [], "\(args) left files")
        }

        XCTAssertEqual(try train(dir, ["--model", "fasttext", "--bucket", "1000", "--save-model", dir.path + "/m.bin", "--model-format", "mt2st"]).status, 0)
        let model = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/m.bin"))
        var otherVersion = model
        otherVersion[8] = 9
        try model.prefix(model.count - 10).write(to: URL(fileURLWithPath: dir.path + "/cut.bin"))
        try otherVersion.write(to: URL(fileURLWithPath: dir.path + "/v9.bin"))
        let bad: [(String, String)] = [
            ("cut.bin", "cut.bin: truncated model file: \(model.count - 10) bytes, the header announces \(model.count)"),
            ("v9.bin", "v9.bin: model file format version 9; this mt2st-embed reads version 1"),
            ("v.vec", "v.vec: not a model file (neither fastText's .bin magic number 793712314 nor mt2st-embed's 'MT2STFTM' at byte 0)"),
            ("missing.bin", "missing.bin: cannot open: No such file or directory"),
        ]
        for (file, expected) in bad {
            let r = try CLI.run(["vector", "--model", dir.path + "/" + file, "king"])
            XCTAssertEqual(r.status, 1, file)
            XCTAssertEqual(r.stdout, "", file)
            XCTAssertEqual(r.stderr, "mt2st-embed: error: \(dir.path)/\(expected)\n", file)
        }
    }
}
