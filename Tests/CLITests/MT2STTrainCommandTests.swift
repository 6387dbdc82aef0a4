import XCTest

final class MT2STTrainCommandTests: XCTestCase {
    /// Splits the tiny benchmark files; returns the split directory.
    func split(_ s: Scratch) throws -> String {
        let dir = s.path + "/splits"
        let r = try CLI.run(["split", "--analogies", s.pairAnalogies(), "--similarity", s.pairSimilarity(), "--output", dir, "--seed", "3"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return dir
    }

    func trainArgs(_ s: Scratch, output: String) -> [String] {
        ["train", "--input", s.pairCorpus(), "--output", output, "--min-count", "1", "--dim", "16", "--epochs", "2",
         "--threads", "1", "--quiet", "--aux-every", "200", "--aux-examples", "5"]
    }

    func testSplitWritesFilesThatEvaluateReads() throws {
        let s = Scratch()
        let dir = try split(s)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(),
                       ["analogies-dev.txt", "analogies-test.txt", "analogies-train.txt", "similarity-test.tsv", "similarity-train.tsv"])
        let train = try String(contentsOfFile: dir + "/analogies-train.txt", encoding: .utf8)
        let test = try String(contentsOfFile: dir + "/analogies-test.txt", encoding: .utf8)
        // No test answer pair (c d) is among the train questions' pairs.
        let trainPairs = Set(train.split(separator: "\n").filter { !$0.hasPrefix(":") }.flatMap { line -> [String] in
            let w = line.split(separator: " ")
            return ["\(w[0]) \(w[1])", "\(w[2]) \(w[3])"]
        })
        for line in test.split(separator: "\n") where !line.hasPrefix(":") {
            let w = line.split(separator: " ")
            XCTAssertFalse(trainPairs.contains("\(w[2]) \(w[3])"), "\(line)")
        }
        let vectors = s.path + "/v.txt"
        XCTAssertEqual(try CLI.run(trainArgs(s, output: vectors)).status, 0)
        let r = try CLI.run(["evaluate", "--vectors", vectors, "--analogies", dir + "/analogies-test.txt",
                             "--similarity", dir + "/similarity-test.tsv"])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    /// `--aux-every` below the trainer's 10,000-token sync interval takes effect: 30,000 tokens in
    /// 10-word sentences with a round every 1,000 tokens and 1 example per round make about 30 steps
    /// (the trainer used to check the task only at its sync points: 3 steps).
    func testAuxEveryBelowTheSyncIntervalRunsThatManyRounds() throws {
        let s = Scratch()
        let r = try CLI.run(["train", "--input", s.pairCorpus(lines: 3000), "--output", s.path + "/v.txt", "--min-count", "1",
                             "--dim", "16", "--epochs", "1", "--threads", "1", "--sample", "0", "--schedule", "mtl",
                             "--aux-analogies", s.pairAnalogies(), "--aux-every", "1000", "--aux-examples", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let line = r.stderr.split(separator: "\n").first { $0.contains("auxiliary, epoch 1: analogy loss") }.map(String.init) ?? ""
        let steps = line.split(separator: "(").dropFirst().first.flatMap { Int($0.split(separator: " ")[0]) }
        XCTAssertEqual(steps, 30, r.stderr)
    }

    func testSwitchTrainsTheAuxiliaryTasksOnlyBeforeTheSwitch() throws {
        let s = Scratch()
        let dir = try split(s)
        let out = s.path + "/v.txt"
        let r = try CLI.run(trainArgs(s, output: out) + ["--schedule", "switch", "--switch-at", "1",
                                                         "--aux-analogies", dir + "/analogies-train.txt",
                                                         "--aux-similarity", dir + "/similarity-train.tsv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(s.exists("v.txt"))
        XCTAssertTrue(r.stderr.contains("auxiliary, epoch 1: analogy loss"), r.stderr)
        XCTAssertFalse(r.stderr.contains("auxiliary, epoch 1: analogy loss – (0 steps"), r.stderr)
        XCTAssertTrue(r.stderr.contains("auxiliary, epoch 2: analogy loss – (0 steps, γ 0.000)"), r.stderr)
    }

    /// FastText and GloVe train the auxiliary tasks too (on their written vectors: subword means,
    /// W + W~), and Switch stops them at the switch.
    func testFastTextAndGloVeTrainTheAuxiliaryTasks() throws {
        let s = Scratch()
        let dir = try split(s)
        for model in ["fasttext", "glove"] {
            let out = s.path + "/\(model).txt"
            let r = try CLI.run(trainArgs(s, output: out) + ["--model", model, "--schedule", "switch", "--switch-at", "1",
                                                             "--memory", "0.1", "--x-max", "10",
                                                             "--aux-analogies", dir + "/analogies-train.txt",
                                                             "--aux-similarity", dir + "/similarity-train.tsv"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(s.exists("\(model).txt"))
            XCTAssertTrue(r.stderr.contains("auxiliary, epoch 1: analogy loss"), "\(model): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("auxiliary, epoch 1: analogy loss – (0 steps"), "\(model): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("auxiliary, epoch 2: analogy loss – (0 steps, γ 0.000)"), "\(model): \(r.stderr)")
        }
    }

    func testBadScheduleInputsFailBeforeWriting() throws {
        let s = Scratch()
        let dir = try split(s)
        let aux = ["--aux-analogies", dir + "/analogies-train.txt"]
        let cases: [([String], String)] = [
            (["--schedule", "switch", "--switch-at", "3"] + aux, "--switch-at 3.0 is beyond the last epoch (2)"),
            (["--schedule", "mtl", "--gamma0=-0.5"] + aux, "--gamma0 must be 0 or positive"),
            (["--schedule", "diminish", "--eta=-1"] + aux, "--eta must be 0 or positive"),
            (["--schedule", "mtl"], "needs auxiliary data"),
            (["--schedule", "switch", "--switch-at", "3", "--model", "glove"] + aux, "--switch-at 3.0 is beyond the last epoch (2)"),
            (["--schedule", "mtl", "--aux-analogies", s.file("bad.txt", ": s\na b c d\na b\n")], "bad.txt"),
            (["--schedule", "mtl", "--aux-similarity", s.file("bad.tsv", "a\tb\tfoo\n")], "bad.tsv"),
            (["--schedule", "mtl", "--aux-analogies", s.file("oov.txt", ": s\nx y z w\n")], "oov.txt: all 1 analogy questions"),
            (["--schedule", "mtl", "--aux-analogies", s.file("empty.txt", "\n")], "empty.txt"),
        ]
        for (extra, message) in cases {
            let r = try CLI.run(trainArgs(s, output: s.path + "/v.txt") + extra)
            XCTAssertNotEqual(r.status, 0, "\(extra)")
            XCTAssertTrue(r.stderr.contains(message), "\(extra): \(r.stderr)")
            XCTAssertFalse(s.exists("v.txt"), "\(extra)")
        }
    }
}
