import XCTest

/// Tiny benchmark files over the synthetic corpus's words plus a planted pair structure.
extension Scratch {
    /// A corpus where city i and land i (and adj i, adj i + "ly") co-occur, with topic noise.
    func pairCorpus(lines: Int = 1500) -> String {
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var text = ""
        for _ in 0..<lines {
            let i = next() % 10
            let words = next() % 2 == 0 ? ["city\(i)", "land\(i)", "capital", "of"] : ["adj\(i)", "adj\(i)ly", "very", "so"]
            text += (0..<10).map { _ in words[next() % words.count] }.joined(separator: " ") + "\n"
        }
        return file("corpus.txt", text)
    }

    func pairAnalogies() -> String {
        var text = ": capital-world\n"
        for p in 0..<10 { for q in 0..<10 where q != p { text += "city\(p) land\(p) city\(q) land\(q)\n" } }
        text += ": gram3-adverbs\n"
        for p in 0..<10 { for q in 0..<10 where q != p { text += "adj\(p) adj\(p)ly adj\(q) adj\(q)ly\n" } }
        return file("questions.txt", text)
    }

    func pairSimilarity() -> String {
        var text = "# word1\tword2\tscore\n"
        for i in 0..<10 {
            text += "city\(i)\tland\(i)\t\(8 + i % 2)\n"
            text += "adj\(i)\tcity\((i + 3) % 10)\t\(1 + i % 3)\n"
        }
        return file("similarity.tsv", text)
    }
}

/// Column of dev_total in runs.csv.
enum RunsCSVHeader { static let dev = 9 }

final class ExperimentCommandTests: XCTestCase {
    func baseArgs(_ s: Scratch, output: String) -> [String] {
        ["experiment", "--input", s.pairCorpus(), "--analogies", s.pairAnalogies(), "--similarity", s.pairSimilarity(),
         "--output", output, "--min-count", "1", "--dim", "16", "--epochs", "3", "--threads", "1",
         "--aux-every", "200", "--aux-examples", "5"]
    }

    func testWritesRunsTableChartsAndSplits() throws {
        let s = Scratch()
        let out = s.path + "/results"
        let r = try CLI.run(baseArgs(s, output: out) + ["--models", "skipgram,cbow", "--strategies", "stl,switch,diminish,mtl,adaptive"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: out))?.sorted() ?? []
        XCTAssertEqual(files, ["cbow-dev-accuracy.svg", "cbow-gamma.svg", "cbow-primary-loss.svg", "runs.csv",
                               "skipgram-dev-accuracy.svg", "skipgram-gamma.svg", "skipgram-primary-loss.svg", "splits", "table.md"])
        let splits = try FileManager.default.contentsOfDirectory(atPath: out + "/splits").sorted()
        XCTAssertEqual(splits, ["analogies-dev.txt", "analogies-test.txt", "analogies-train.txt", "similarity-test.tsv", "similarity-train.tsv"])
        let csv = try String(contentsOfFile: out + "/runs.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(csv.count, 1 + 2 * 5 * 3, "header + one row per run and epoch")
        let header = csv[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let gamma = header.firstIndex(of: "gamma_analogy")!, aux = header.firstIndex(of: "flops_analogy")!
        let strategy = header.firstIndex(of: "strategy")!, test = header.firstIndex(of: "test_total")!
        for line in csv.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(f.count, header.count)
            XCTAssertFalse(f[test].isEmpty, "test accuracy measured every epoch: \(line)")
            if f[strategy] == "stl" { XCTAssertEqual(f[aux], "0"); XCTAssertEqual(f[gamma], "0") }
            if f[strategy] == "mtl" { XCTAssertNotEqual(f[aux], "0", "mtl does auxiliary work") }
        }
        let table = try String(contentsOfFile: out + "/table.md", encoding: .utf8)
        XCTAssertTrue(table.contains("| Skip-Gram | MT2ST-S |"), table)
        XCTAssertTrue(table.contains("| CBOW | STL |"), table)
        XCTAssertTrue(r.stderr.contains("[10/10] cbow adaptive seed 1 epoch 3"), r.stderr)
    }

    func testAFailingRunIsReportedAndTheOthersContinue() throws {
        let s = Scratch()
        let out = s.path + "/results"
        // γ₀ = 1e30 makes the auxiliary steps blow the table up: mtl diverges, stl does not.
        let r = try CLI.run(baseArgs(s, output: out) + ["--models", "skipgram", "--strategies", "mtl,stl", "--gamma0", "1e30"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("[1/2] skipgram mtl seed 1 FAILED: training diverged"), r.stderr)
        XCTAssertTrue(r.stderr.contains("[2/2] skipgram stl seed 1 epoch 3"), r.stderr)
        let csv = try String(contentsOfFile: out + "/runs.csv", encoding: .utf8)
        XCTAssertTrue(csv.contains("training diverged"), csv)
        let table = try String(contentsOfFile: out + "/table.md", encoding: .utf8)
        XCTAssertTrue(table.contains("| Skip-Gram | MTL | — |"), table)
        XCTAssertTrue(table.contains("1 (1 failed) |"), table)
        XCTAssertTrue(table.contains("| Skip-Gram | STL | "), table)
    }

    func testEarlyStoppingEndsARunWithoutFailingIt() throws {
        let s = Scratch()
        let out = s.path + "/results"
        let r = try CLI.run(baseArgs(s, output: out) + ["--models", "cbow", "--strategies", "stl", "--epochs", "6", "--patience", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stderr.contains("FAILED"), r.stderr)
        let rows = try String(contentsOfFile: out + "/runs.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        let header = RunsCSVHeader.dev
        let dev = rows.map { Double($0.split(separator: ",", omittingEmptySubsequences: false)[header])! }
        XCTAssertGreaterThanOrEqual(dev.count, 2)
        XCTAssertLessThanOrEqual(dev.count, 6)
        if dev.count < 6 {
            // Stopped: the last epoch did not beat the best before it (patience 1).
            XCTAssertLessThanOrEqual(dev.last!, dev.dropLast().max()!)
        }
        for (i, d) in dev.enumerated().dropLast() where i > 0 {
            XCTAssertGreaterThan(d, dev[..<i].max()!, "every epoch before the last improved, or training would have stopped there")
        }
    }

    func testSwitchBeyondTheLastEpochFailsBeforeWriting() throws {
        let s = Scratch()
        let out = s.path + "/results"
        let r = try CLI.run(baseArgs(s, output: out) + ["--strategies", "switch", "--switch-at", "4"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("--switch-at 4.0 is beyond the last epoch (3)"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testNegativeGammaAndEtaAreRejected() throws {
        let s = Scratch()
        for (flag, value) in [("--gamma0", "-1"), ("--eta", "-0.5")] {
            let r = try CLI.run(baseArgs(s, output: s.path + "/out") + ["\(flag)=\(value)"])
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("\(flag) must be 0 or positive"), r.stderr)
            XCTAssertFalse(s.exists("out"))
        }
    }

    func testMalformedAnalogyFileNamesTheLine() throws {
        let s = Scratch()
        var args = baseArgs(s, output: s.path + "/out")
        args[args.firstIndex(of: "--analogies")! + 1] = s.file("bad.txt", ": capital\na b c d\na b c\n")
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("bad.txt") && r.stderr.contains("3"), r.stderr)
        XCTAssertFalse(s.exists("out"))
    }

    func testAnalogyFileTooSmallToSplitIsAnError() throws {
        let s = Scratch()
        var args = baseArgs(s, output: s.path + "/out")
        args[args.firstIndex(of: "--analogies")! + 1] = s.file("tiny.txt", ": capital\ncity1 land1 city2 land2\n")
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("tiny.txt") && r.stderr.contains("split has no questions"), r.stderr)
        XCTAssertFalse(s.exists("out"))
    }

    func testAllOutOfVocabularyAuxiliaryDataIsAnError() throws {
        let s = Scratch()
        var text = ": capital\n"
        for p in 0..<10 { for q in 0..<10 where q != p { text += "x\(p) y\(p) x\(q) y\(q)\n" } }
        var args = baseArgs(s, output: s.path + "/out")
        args[args.firstIndex(of: "--analogies")! + 1] = s.file("oov.txt", text)
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("oov.txt: all") && r.stderr.contains("out of the vocabulary"), r.stderr)
        XCTAssertFalse(s.exists("out"))
    }

    func testUnknownModelIsAClearError() throws {
        let s = Scratch()
        let r = try CLI.run(baseArgs(s, output: s.path + "/out") + ["--models", "skipgram,word2vec"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("unknown model 'word2vec' (available: skipgram, cbow, fasttext, glove, "), r.stderr)
        XCTAssertFalse(s.exists("out"))
    }

    /// FastText and GloVe runs: evaluated on their written vectors every epoch, auxiliary work
    /// (and its FLOPs) under mtl and switch before the switch only, charts and table rows.
    func testFastTextAndGloVeRuns() throws {
        let s = Scratch()
        let out = s.path + "/results"
        let r = try CLI.run(baseArgs(s, output: out) + ["--models", "fasttext,glove", "--strategies", "stl,mtl,switch",
                                                        "--switch-at", "1", "--memory", "0.1", "--x-max", "10"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stderr.contains("FAILED"), r.stderr)
        let files = Set((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? [])
        for chart in ["fasttext-dev-accuracy.svg", "glove-dev-accuracy.svg", "glove-gamma.svg"] { XCTAssertTrue(files.contains(chart), chart) }
        let csv = try String(contentsOfFile: out + "/runs.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(csv.count, 1 + 2 * 3 * 3)
        let header = csv[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let model = header.firstIndex(of: "model")!, strategy = header.firstIndex(of: "strategy")!
        let epoch = header.firstIndex(of: "epoch")!, aux = header.firstIndex(of: "flops_analogy")!
        let primary = header.firstIndex(of: "flops_primary")!, test = header.firstIndex(of: "test_total")!
        var auxFlops: [String: Double] = [:]
        for line in csv.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertGreaterThan(Double(f[primary])!, 0, "\(line)")
            XCTAssertNotNil(Double(f[test]), "test accuracy measured every epoch: \(line)")
            auxFlops["\(f[model]) \(f[strategy]) \(f[epoch])"] = Double(f[aux])!
        }
        for m in ["fasttext", "glove"] {
            XCTAssertEqual(auxFlops["\(m) stl 3"], 0)
            XCTAssertGreaterThan(auxFlops["\(m) mtl 1"]!, 0, m)
            XCTAssertGreaterThan(auxFlops["\(m) mtl 3"]!, auxFlops["\(m) mtl 2"]!, m)
            XCTAssertGreaterThan(auxFlops["\(m) switch 1"]!, 0, m)
            XCTAssertEqual(auxFlops["\(m) switch 3"], auxFlops["\(m) switch 1"], "\(m): no auxiliary work after the switch")
        }
        let table = try String(contentsOfFile: out + "/table.md", encoding: .utf8)
        XCTAssertTrue(table.contains("| FastText | MT2ST-S |"), table)
        XCTAssertTrue(table.contains("| GloVe | MTL |"), table)
        XCTAssertTrue(r.stderr.contains("glove: co-occurrences:"), r.stderr)
    }
}

final class ReportCommandTests: XCTestCase {
    /// `report` redraws table.md and the charts from runs.csv files (here two experiments, merged).
    func testRedrawsAndMergesRunsFiles() throws {
        let s = Scratch()
        let base = ["experiment", "--input", s.pairCorpus(), "--analogies", s.pairAnalogies(), "--similarity", s.pairSimilarity(),
                    "--min-count", "1", "--dim", "16", "--epochs", "2", "--threads", "1", "--aux-every", "200", "--aux-examples", "5"]
        XCTAssertEqual(try CLI.run(base + ["--output", s.at("a"), "--models", "skipgram", "--strategies", "stl,mtl"]).status, 0)
        XCTAssertEqual(try CLI.run(base + ["--output", s.at("b"), "--models", "cbow", "--strategies", "stl"]).status, 0)
        let r = try CLI.run(["report", "--runs", s.at("a/runs.csv"), s.at("b/runs.csv"), "--output", s.at("merged"), "--tolerance", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("read 3 runs from 2 files"), r.stderr)
        let table = try String(contentsOfFile: s.at("merged/table.md"), encoding: .utf8)
        XCTAssertTrue(table.contains("| Skip-Gram | MTL |") && table.contains("| CBOW | STL |"), table)
        XCTAssertTrue(table.contains("within 1.0 points"), table)
        XCTAssertTrue(s.exists("merged/cbow-dev-accuracy.svg"))
        let csv = try String(contentsOfFile: s.at("merged/runs.csv"), encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").count, 1 + 3 * 2)
    }

    func testBadRunsFileIsAnErrorWithNoOutput() throws {
        let s = Scratch()
        let bad = s.file("runs.csv", "model,strategy\nskipgram,stl\n")
        let r = try CLI.run(["report", "--runs", bad, "--output", s.at("out")])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("runs.csv:1: not a runs.csv header"), r.stderr)
        XCTAssertFalse(s.exists("out"))
        let missing = try CLI.run(["report", "--runs", s.at("nope.csv"), "--output", s.at("out")])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("nope.csv: cannot read the file"), missing.stderr)
    }
}
