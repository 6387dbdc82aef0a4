import Foundation
import XCTest

/// fastText's `.bin` in and out, against the real clients: Debian's fastText 0.9.2
/// (`print-word-vectors`, `nn`, `skipgram`, `supervised`, `quantize`) and gensim
/// (`load_facebook_model`, `load_facebook_vectors`). `scripts/ensure-deps.sh` installs both.
final class FastTextBinCommandTests: XCTestCase {
    static let known = ["king", "queen", "palace", "été", "naïve", "日本", "señor"]
    static let unseen = ["kingz", "palaces", "cafés", "日本語", "naïveté", "señora", "qxzvw"]

    /// Topics of words, one of them non-ASCII (accents, CJK), 12 words a line.
    func corpus(_ dir: Scratch, lines: Int = 300) -> String {
        dir.syntheticCorpus(lines: lines, seed: 7, topics: [["king", "queen", "royal", "crown", "palace"], ["dog", "cat", "pet", "puppy", "kitten"],
                                                            ["été", "naïve", "café", "日本", "señor"], ["sun", "moon", "star", "sky", "planet"]])
    }

    func requireClients() throws {
        let ft = try CLI.runTool("sh", ["-c", "command -v fasttext"])
        let gensim = try CLI.runTool("python3", ["-c", "import gensim"])
        guard ft.status == 0 && gensim.status == 0 else {
            struct MissingClient: Error {}
            XCTFail("fastText and gensim are needed (fasttext: \(ft.status == 0), gensim: \(gensim.status == 0)): run scripts/ensure-deps.sh")
            throw MissingClient()
        }
    }

    /// word -> values from 'word v1 ... vD' lines.
    func vectors(_ text: String) -> [String: [Double]] {
        var out: [String: [Double]] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ")
            out[String(f[0])] = f.dropFirst().map { Double($0)! }
        }
        return out
    }

    /// Each value of `theirs` within `relative` of `ours` (plus a tiny absolute slack).
    func assertClose(_ ours: [String: [Double]], _ theirs: [String: [Double]], _ words: [String], relative: Double,
                     _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for w in words {
            guard let a = ours[w], let b = theirs[w] else { return XCTFail("\(what): no vector for \(w)", file: file, line: line) }
            XCTAssertEqual(a.count, b.count, "\(what) \(w)", file: file, line: line)
            for (x, y) in zip(a, b) where abs(x - y) > relative * abs(x) + 1e-12 {
                return XCTFail("\(what) \(w): \(x) vs \(y)", file: file, line: line)
            }
        }
    }

    /// gensim's vectors for `words` from each of `models` (one Python run: importing gensim is
    /// slow): load_facebook_model and load_facebook_vectors must agree exactly; values printed
    /// with repr (exact float32).
    func gensimVectors(_ models: [String], _ words: [String]) throws -> [String: [String: [Double]]] {
        let script = """
        import sys
        from gensim.models.fasttext import load_facebook_model, load_facebook_vectors
        words = [w for w in sys.stdin.read().split('\\n') if w]
        for path in sys.argv[1:]:
            full = load_facebook_model(path).wv
            kv = load_facebook_vectors(path)
            print('model', path)
            for w in words:
                a, b = full[w], kv[w]
                assert (a == b).all(), w
                print(w, ' '.join(repr(float(x)) for x in a))
        """
        let r = try CLI.runTool("python3", ["-c", script] + models, stdin: words.joined(separator: "\n") + "\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        var out: [String: [String: [Double]]] = [:]
        for block in r.stdout.components(separatedBy: "model ").dropFirst() {
            let path = String(block.prefix { $0 != "\n" })
            out[path] = vectors(String(block.drop { $0 != "\n" }))
        }
        return out
    }

    /// (word, score) lists: fastText's `nn` ('word score' lines after 'Query word?' prompts) and
    /// ours ('rank  score  word' lines under a 'neighbors of' heading), one list per query.
    func fastTextNeighbors(_ model: String, _ words: [String], k: Int) throws -> [[(String, Double)]] {
        let r = try CLI.runTool("fasttext", ["nn", model, String(k)], stdin: words.joined(separator: "\n") + "\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.replacingOccurrences(of: "Query word? ", with: "").split(separator: "\n")
        return stride(from: 0, to: lines.count, by: k).map { start in
            lines[start..<min(start + k, lines.count)].map { l in
                let f = l.split(separator: " ")
                return (String(f[0]), Double(f[1])!)
            }
        }
    }

    func ourNeighbors(_ args: [String], k: Int) throws -> [[(String, Double)]] {
        let r = try CLI.run(["neighbors", "-k", String(k)] + args)
        XCTAssertEqual(r.status, 0, r.stderr)
        var out: [[(String, Double)]] = []
        for line in r.stdout.split(separator: "\n") {
            if line.hasPrefix("neighbors of") { out.append([]); continue }
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            out[out.count - 1].append((String(f[2]), Double(f[1])!))
        }
        return out
    }

    /// Same scores (ours print 4 decimals) and the same words wherever the scores are not tied.
    func assertSameNeighbors(_ ours: [[(String, Double)]], _ theirs: [[(String, Double)]], _ what: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(ours.count, theirs.count, what, file: file, line: line)
        for (q, (a, b)) in zip(ours, theirs).enumerated() {
            XCTAssertEqual(a.count, b.count, "\(what) query \(q)", file: file, line: line)
            for i in 0..<min(a.count, b.count) {
                XCTAssertEqual(a[i].1, b[i].1, accuracy: 6e-5, "\(what) query \(q) rank \(i + 1)", file: file, line: line)
                let tied = (i > 0 && b[i - 1].1 - b[i].1 < 2e-4) || (i + 1 < b.count && b[i].1 - b[i + 1].1 < 2e-4)
                if !tied { XCTAssertEqual(a[i].0, b[i].0, "\(what) query \(q) rank \(i + 1)", file: file, line: line) }
            }
        }
    }

    func testOurBinGivesTheSameVectorsInFastTextAndGensim() throws {
        try requireClients()
        let dir = Scratch()
        let text = corpus(dir)
        let words = Self.known + Self.unseen
        let models = ["fasttext", "fasttext-cbow"]
        for model in models {
            let t = try CLI.run(["train", "--model", model, "--input", text, "--output", dir.at("v.vec"), "--save-model", dir.at("\(model).bin"),
                                 "--min-count", "1", "--dim", "16", "--epochs", "2", "--bucket", "3000", "--threads", "1", "--quiet"])
            XCTAssertEqual(t.status, 0, t.stderr)
            XCTAssertTrue(t.stderr.contains("fastText .bin version 12: 21 words + 3000 bucket rows x 16"), t.stderr)
        }
        let gensim = try gensimVectors(models.map { dir.at("\($0).bin") }, words)
        for model in models {
            let m = dir.at("\(model).bin")
            let v = try CLI.run(["vector", "--model", m, "--quiet"] + words)
            XCTAssertEqual(v.status, 0, v.stderr)
            let ours = vectors(v.stdout)
            // fastText prints 5 significant digits.
            let ft = try CLI.runTool("fasttext", ["print-word-vectors", m], stdin: words.joined(separator: "\n") + "\n")
            XCTAssertEqual(ft.status, 0, ft.stderr)
            assertClose(ours, vectors(ft.stdout), words, relative: 6e-5, "\(model): fastText print-word-vectors")
            // gensim divides where fastText multiplies by 1/n: at most one unit in the last place apart.
            assertClose(ours, gensim[m] ?? [:], words, relative: 2.5e-7, "\(model): gensim")
            // Nearest neighbours of known and unseen words, as fastText's nn finds them.
            let queries = ["king", "kingz", "café", "naïveté"]
            assertSameNeighbors(try ourNeighbors(["--model", m] + queries, k: 5), try fastTextNeighbors(m, queries, k: 5),
                                "\(model): fastText nn")
        }
    }

    func testFastTextsOwnBinIsReadByVectorNeighborsAnalogyAndEvaluate() throws {
        try requireClients()
        let dir = Scratch()
        let text = corpus(dir)
        let ft = try CLI.runTool("fasttext", ["skipgram", "-input", text, "-output", dir.at("ft"), "-dim", "16", "-epoch", "5",
                                              "-minCount", "1", "-bucket", "2000", "-thread", "1", "-verbose", "0"])
        XCTAssertEqual(ft.status, 0, ft.stderr)
        let m = dir.at("ft.bin")
        // "</s>" (fastText's end of line) is in its vocabulary with its own row only.
        let words = Self.known + Self.unseen + ["</s>"]
        let v = try CLI.run(["vector", "--model", m, "--quiet"] + words)
        XCTAssertEqual(v.status, 0, v.stderr)
        let printed = try CLI.runTool("fasttext", ["print-word-vectors", m], stdin: words.joined(separator: "\n") + "\n")
        assertClose(vectors(v.stdout), vectors(printed.stdout), words, relative: 6e-5, "fastText's model")
        let queries = ["queen", "kingz", "日本"]
        assertSameNeighbors(try ourNeighbors(["--model", m] + queries, k: 5), try fastTextNeighbors(m, queries, k: 5), "fastText's model")
        // --vectors takes the .bin too: the vocabulary's vectors.
        XCTAssertEqual(try ourNeighbors(["--vectors", m, "queen"], k: 5).first?.map(\.0),
                       try ourNeighbors(["--model", m, "queen"], k: 5).first?.map(\.0))
        let a = try CLI.run(["analogy", "--vectors", m, "-k", "3", "king", "queen", "dog"])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertTrue(a.stdout.hasPrefix("king is to queen as dog is to:\n"), a.stdout)
        XCTAssertTrue(a.stderr.contains("fastText .bin (version 12), 22 words, 2000 bucket rows, dimension 16"), a.stderr)
        let pairs = dir.file("pairs.tsv", "king queen 9\ndog cat 8\nsun moon 8\nking dog 1\nété café 7\nqueen planet 1\n")
        let e = try CLI.run(["evaluate", "--vectors", m, "--similarity", pairs, "--json"])
        XCTAssertEqual(e.status, 0, e.stderr)
        XCTAssertTrue(e.stdout.contains("\"pairs\":6") && e.stdout.contains("\"oov\":0,"), e.stdout)
    }

    /// `--vectors MODEL` gives exactly the vectors `train --output` wrote: same evaluation, same
    /// answers, from either model format.
    func testCommandsOnAModelMatchTheWrittenVectors() throws {
        let dir = Scratch()
        let text = corpus(dir, lines: 300)
        let common = ["--input", text, "--min-count", "1", "--dim", "16", "--epochs", "2", "--bucket", "2000", "--threads", "1",
                      "--quiet", "--binary", "--model", "fasttext"]
        XCTAssertEqual(try CLI.run(["train", "--output", dir.at("v.bin"), "--save-model", dir.at("m.bin")] + common).status, 0)
        XCTAssertEqual(try CLI.run(["train", "--output", dir.at("v2.bin"), "--save-model", dir.at("m2.model"),
                                    "--model-format", "mt2st"] + common).status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir.at("v.bin"))), try Data(contentsOf: URL(fileURLWithPath: dir.at("v2.bin"))))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir.at("m.bin"))).prefix(4), Data([0xBA, 0x16, 0x4F, 0x2F]))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir.at("m2.model"))).prefix(8), Data("MT2STFTM".utf8))
        let questions = dir.file("q.txt", ": capital-royal\nking queen dog cat\nsun moon king queen\n: gram-pets\ndog puppy cat kitten\nété café naïve 日本\n")
        let pairs = dir.file("pairs.tsv", "king queen 9\ndog cat 8\nsun moon 8\nking dog 1\nété café 7\n")
        var outputs: [[String]] = []
        for file in ["v.bin", "m.bin", "m2.model"] {
            let e = try CLI.run(["evaluate", "--vectors", dir.at(file), "--analogies", questions, "--similarity", pairs, "--json",
                                 "--restrict-vocab", "0"])
            let a = try CLI.run(["analogy", "--vectors", dir.at(file), "king", "queen", "dog"])
            let n = try CLI.run(["neighbors", "--vectors", dir.at(file), "été"])
            XCTAssertEqual([e.status, a.status, n.status], [0, 0, 0], e.stderr + a.stderr + n.stderr)
            outputs.append([e.stdout.replacingOccurrences(of: dir.at(file), with: ""), a.stdout, n.stdout])
        }
        XCTAssertEqual(outputs[1], outputs[0])
        XCTAssertEqual(outputs[2], outputs[0])
        // Unseen words: the same vectors from both formats (a bucket without a row is a zero row).
        let words = Self.known + Self.unseen
        let fromBin = try CLI.run(["vector", "--model", dir.at("m.bin"), "--quiet"] + words)
        let fromOurs = try CLI.run(["vector", "--model", dir.at("m2.model"), "--quiet"] + words)
        XCTAssertEqual(fromBin.stdout, fromOurs.stdout)
        XCTAssertEqual(fromBin.stdout.split(separator: "\n").count, words.count)
    }

    func testBadBinFilesGiveOneLineErrors() throws {
        try requireClients()
        let dir = Scratch()
        let text = corpus(dir, lines: 200)
        let m = dir.at("m.bin")
        let t = try CLI.run(["train", "--model", "fasttext", "--input", text, "--output", dir.at("v.vec"), "--save-model", m,
                             "--min-count", "1", "--dim", "8", "--epochs", "1", "--bucket", "500", "--threads", "1", "--quiet"])
        XCTAssertEqual(t.status, 0, t.stderr)
        let model = try Data(contentsOf: URL(fileURLWithPath: m))
        let words = 21, dim = 8, buckets = 500
        let outputBytes = 17 + words * dim * 4, inputBytes = 16 + (words + buckets) * dim * 4
        let quantFlag = model.count - outputBytes - inputBytes - 1
        func variant(_ name: String, _ edit: (inout Data) -> Void) -> String {
            var d = model
            edit(&d)
            return dir.file(name, d)
        }
        func put(_ d: inout Data, _ offset: Int, _ value: Int32) {
            withUnsafeBytes(of: value.littleEndian) { for k in 0..<4 { d[offset + k] = $0[k] } }
        }
        // A real supervised model and its quantized .ftz, made by fastText.
        let labeled = dir.file("labeled.txt", String(repeating: "__label__a king queen royal crown\n__label__b dog cat pet puppy\n", count: 200))
        XCTAssertEqual(try CLI.runTool("fasttext", ["supervised", "-input", labeled, "-output", dir.at("sup"), "-epoch", "1", "-dim", "8",
                                                    "-wordNgrams", "2", "-bucket", "1000", "-thread", "1", "-verbose", "0"]).status, 0)
        XCTAssertEqual(try CLI.runTool("fasttext", ["quantize", "-output", dir.at("sup"), "-input", labeled, "-dsub", "2",
                                                    "-thread", "1", "-verbose", "0"]).status, 0)
        let cases: [(String, String)] = [
            (variant("header.bin") { $0 = $0.prefix(30) }, "truncated model file: 30 bytes, ends inside the header (args)"),
            (variant("dict.bin") { $0 = $0.prefix(97) }, "truncated model file: 97 bytes, ends inside the dictionary (21 words announced)"),
            (variant("word.bin") { $0 = $0.prefix(quantFlag - 5) }, "truncated model file: \(quantFlag - 5) bytes, ends inside the dictionary (word 21 of 21)"),
            (variant("input.bin") { $0 = $0.prefix(quantFlag + 2000) }, "truncated model file: \(quantFlag + 2000) bytes, ends inside the input matrix"),
            (variant("output.bin") { $0 = $0.prefix(model.count - 3) }, "truncated model file: \(model.count - 3) bytes, ends inside the output matrix"),
            (variant("v13.bin") { put(&$0, 4, 13) }, "fastText model format version 13; this mt2st-embed reads versions 11 and 12"),
            (variant("dim.bin") { put(&$0, 8, 9) }, "corrupt model file at byte \(quantFlag + 1): input matrix is 521 x 8, expected 521 x 9"),
            (variant("rows.bin") { put(&$0, 40, 501) }, "corrupt model file at byte \(quantFlag + 1): input matrix is 521 x 8, expected 522 x 8"),
            (variant("patched-sup.bin") { put(&$0, 36, 3) }, "a supervised fastText model (text classifier), not a word-vector model"),
            (variant("quant.bin") { $0[quantFlag] = 1 }, "a quantized fastText model (.ftz): its vectors are compressed"),
            (variant("tail.bin") { $0.append(contentsOf: [1, 2, 3]) }, "corrupt model file at byte \(model.count): 3 unexpected bytes after the output matrix"),
            (dir.at("sup.bin"), "a supervised fastText model (text classifier), not a word-vector model: train one with 'fasttext skipgram'"),
            (dir.at("sup.ftz"), "a supervised fastText model (text classifier, quantized .ftz), not a word-vector model"),
        ]
        let pairs = dir.file("p.tsv", "king queen 1\ndog cat 2\nsun moon 3\n")
        for (i, (path, expected)) in cases.enumerated() {
            // Every case with `vector`; neighbors and evaluate (--vectors) share the reader, checked on some.
            let others = i % 4 == 0 ? [["neighbors", "--model", path, "king"], ["evaluate", "--vectors", path, "--similarity", pairs]] : []
            for args in [["vector", "--model", path, "king"]] + others {
                let r = try CLI.run(args)
                XCTAssertEqual(r.status, 1, "\(args)")
                XCTAssertEqual(r.stdout, "", "\(args)")
                XCTAssertTrue(r.stderr.hasPrefix("mt2st-embed: error: \(path): \(expected)"), "\(args): \(r.stderr)")
                XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr)
            }
        }
    }

    func testTrainModelFormatOptionAndFailedRunKeepsTheOldModel() throws {
        let dir = Scratch()
        let text = corpus(dir, lines: 100)
        let m = dir.file("m.bin", "old model")
        let bad = try CLI.run(["train", "--model", "fasttext", "--input", text, "--output", dir.at("v.vec"), "--save-model", m,
                               "--model-format", "word2vec"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--model-format"), bad.stderr)
        let failed = try CLI.run(["train", "--model", "fasttext", "--input", dir.at("missing.txt"), "--output", dir.at("v.vec"),
                                  "--save-model", m, "--threads", "1"])
        XCTAssertEqual(failed.status, 1)
        XCTAssertEqual(try String(contentsOfFile: m, encoding: .utf8), "old model")
        let help = try CLI.run(["train", "--help"])
        XCTAssertTrue(help.stdout.contains("--model-format"), help.stdout)
    }
}
