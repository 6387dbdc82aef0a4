import Foundation
import XCTest

/// `train --eval-analogies/--eval-similarity`, early stopping, --keep-best and --progress json.
final class TrainEvaluationTests: XCTestCase {
    func train(_ s: Scratch, model: String = "skipgram", epochs: Int = 3, output: String = "vectors.bin", _ extra: [String]) -> [String] {
        ["train", "--model", model, "--input", s.pairCorpus(lines: 600), "--output", s.at(output), "--binary", "--min-count", "1",
         "--dim", "16", "--epochs", "\(epochs)", "--threads", "1", "--seed", "3", "--minn", "3", "--maxn", "4", "--bucket", "5000"] + extra
    }

    /// The JSON objects of a progress file, one per line.
    func events(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], String($0))
        }
    }

    /// `evaluate --json` on a vector file: (analogy correct, seen, similarity spearman).
    func evaluate(_ vectors: String, analogies: String, similarity: String) throws -> (Int, Int, Double) {
        let r = try CLI.run(["evaluate", "--vectors", vectors, "--analogies", analogies, "--similarity", similarity, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let a = try XCTUnwrap((o["analogies"] as? [String: Any])?[analogies] as? [String: Any])
        let sim = try XCTUnwrap((o["similarity"] as? [String: Any])?[similarity] as? [String: Any])
        return (a["correct"] as! Int, a["seen"] as! Int, sim["spearman"] as! Double)
    }

    func bytes(_ s: Scratch, _ name: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: s.at(name)) ?? Data()) }

    func scores(_ e: [String: Any]) -> (Int, Int, Double) {
        let a = e["analogies"] as! [String: Any], sim = e["similarity"] as! [String: Any]
        return (a["correct"] as! Int, a["seen"] as! Int, sim["spearman"] as! Double)
    }

    func testEveryModelIsScoredAfterEachEpochWithEvaluatesNumbers() throws {
        for model in ["skipgram", "cbow", "fasttext", "glove"] {
            let s = Scratch()
            let analogies = s.pairAnalogies(), similarity = s.pairSimilarity()
            let r = try CLI.run(train(s, model: model, ["--eval-analogies", analogies, "--eval-similarity", similarity,
                                                        "--progress", "json", "--progress-file", s.at("progress.jsonl")]))
            XCTAssertEqual(r.status, 0, r.stderr)
            let all = try events(s.at("progress.jsonl"))
            let evaluations = all.filter { $0["event"] as? String == "evaluation" }
            XCTAssertEqual(evaluations.map { $0["epoch"] as? Int }, [1, 2, 3], model)
            XCTAssertEqual(all.filter { $0["event"] as? String == "epoch" }.count, 3, model)
            for e in evaluations {
                XCTAssertEqual(e["metric"] as? String, "analogy-total")
                XCTAssertEqual((e["analogies"] as? [String: Any])?["questions"] as? Int, 180)
                XCTAssertNotNil(e["evaluation_seconds"] as? Double)
                XCTAssertNotNil(e["training_seconds"] as? Double)
            }
            // The last evaluation is `evaluate` on the written (binary) vectors, exactly.
            let written = try evaluate(s.at("vectors.bin"), analogies: analogies, similarity: similarity)
            let last = scores(evaluations.last!)
            XCTAssertEqual(written.0, last.0, model)
            XCTAssertEqual(written.1, last.1, model)
            XCTAssertEqual(written.1, 180, model)
            XCTAssertEqual(written.2, last.2, accuracy: 1e-12, model)
            let done = try XCTUnwrap(all.last)
            XCTAssertEqual(done["event"] as? String, "done")
            XCTAssertEqual(done["epochs_trained"] as? Int, 3)
            XCTAssertEqual(done["written_epoch"] as? Int, 3)
            if model != "glove" {
                let p = try XCTUnwrap(all.first { $0["event"] as? String == "progress" }, model)
                for key in ["epoch", "epochs", "fraction", "words_per_second", "learning_rate", "eta_seconds"] {
                    XCTAssertNotNil(p[key], "\(model) progress lacks \(key)")
                }
            }
        }
    }

    func testHumanLinesEvalEveryAndEvaluationTime() throws {
        let s = Scratch()
        let r = try CLI.run(train(s, epochs: 5, ["--eval-similarity", s.pairSimilarity(), "--eval-every", "2"]))
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stderr.split(separator: "\n").filter { $0.contains(" evaluation: ") }
        XCTAssertEqual(lines.map { String($0.prefix(9)) }, ["epoch 2/5", "epoch 4/5", "epoch 5/5"], r.stderr)
        XCTAssertTrue(lines[0].contains("similarity spearman"), String(lines[0]))
        XCTAssertTrue(lines[0].contains("best similarity-spearman"), String(lines[0]))
        XCTAssertTrue(r.stderr.contains("evaluation: 3 evaluations in"), r.stderr)
        XCTAssertTrue(r.stderr.contains("of training)"), r.stderr)
    }

    /// Questions answered with their own first word can never be right (a, b and c are excluded):
    /// the analogy score stays 0 % and patience runs out.
    func neverRight(_ s: Scratch) -> String {
        s.file("never.txt", ": never\n" + (0..<10).map { "city\($0) land\($0) adj\($0) city\($0)" }.joined(separator: "\n") + "\n")
    }

    func testPatienceStopsAndKeepBestWritesTheBestEpoch() throws {
        let s = Scratch()
        let never = neverRight(s), similarity = s.pairSimilarity()
        // Without --keep-best: stops after epoch 2 (epoch 1 set the best, 2 did not improve), writes epoch 2.
        var r = try CLI.run(train(s, epochs: 6, ["--eval-analogies", never, "--eval-similarity", similarity, "--patience", "1",
                                                 "--progress", "json", "--progress-file", s.at("a.jsonl")]))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("stopped after epoch 2"), r.stderr)
        var all = try events(s.at("a.jsonl"))
        let stop = try XCTUnwrap(all.first { $0["event"] as? String == "early_stop" })
        XCTAssertEqual(stop["epoch"] as? Int, 2)
        XCTAssertEqual(stop["best_epoch"] as? Int, 1)
        XCTAssertEqual(all.filter { $0["event"] as? String == "epoch" }.count, 2)
        XCTAssertEqual(all.last?["written_epoch"] as? Int, 2)
        var evaluations = all.filter { $0["event"] as? String == "evaluation" }
        XCTAssertEqual(evaluations.map { ($0["analogies"] as! [String: Any])["total"] as? Double }, [0, 0])
        var written = try evaluate(s.at("vectors.bin"), analogies: never, similarity: similarity)
        XCTAssertEqual(written.2, scores(evaluations[1]).2, accuracy: 1e-12)

        // With --keep-best: the vectors of epoch 1.
        r = try CLI.run(train(s, epochs: 6, output: "best.bin", ["--eval-analogies", never, "--eval-similarity", similarity,
                                                                 "--patience", "1", "--keep-best", "--progress", "json",
                                                                 "--progress-file", s.at("b.jsonl")]))
        XCTAssertEqual(r.status, 0, r.stderr)
        all = try events(s.at("b.jsonl"))
        XCTAssertEqual(all.last?["written_epoch"] as? Int, 1)
        evaluations = all.filter { $0["event"] as? String == "evaluation" }
        written = try evaluate(s.at("best.bin"), analogies: never, similarity: similarity)
        XCTAssertEqual(written.2, scores(evaluations[0]).2, accuracy: 1e-12)
        XCTAssertNotEqual(scores(evaluations[0]).2, scores(evaluations[1]).2, "epochs 1 and 2 must differ for this test to tell them apart")
        XCTAssertNotEqual(bytes(s, "best.bin"), bytes(s, "vectors.bin"))
    }

    func testKeepBestFollowsTheChosenMetricWithoutPatience() throws {
        let s = Scratch()
        let similarity = s.pairSimilarity()
        let r = try CLI.run(train(s, epochs: 4, ["--eval-similarity", similarity, "--keep-best", "--eval-metric", "similarity-pearson",
                                                 "--progress", "json", "--progress-file", s.at("p.jsonl")]))
        XCTAssertEqual(r.status, 0, r.stderr)
        let all = try events(s.at("p.jsonl"))
        let evaluations = all.filter { $0["event"] as? String == "evaluation" }
        let pearsons = evaluations.map { ($0["similarity"] as! [String: Any])["pearson"] as! Double }
        let best = pearsons.indices.max { pearsons[$0] < pearsons[$1] || (pearsons[$0] == pearsons[$1] && $0 > $1) }! + 1
        XCTAssertEqual(all.last?["written_epoch"] as? Int, best)
        XCTAssertEqual(evaluations.last?["best_epoch"] as? Int, best)
    }

    func testBadInputFailsBeforeTrainingWithoutOutput() throws {
        let s = Scratch()
        let badAnalogies = s.file("bad-q.txt", ": sec\ncity0 land0 city1\n")
        let badSimilarity = s.file("bad-s.tsv", "city0\tland0\tmany\n")
        let unknown = s.file("unknown.txt", ": sec\nzz yy xx ww\n")
        s.file("vectors.bin", "old")
        let cases: [([String], String)] = [
            (["--eval-analogies", badAnalogies], "bad-q.txt:2:"),
            (["--eval-similarity", badSimilarity], "bad-s.tsv:1:"),
            (["--patience", "2"], "--patience needs an evaluation file"),
            (["--keep-best"], "--keep-best needs an evaluation file"),
            (["--eval-analogies", unknown, "--keep-best"], "unknown.txt: no question has all its words in the vocabulary"),
            (["--eval-analogies", unknown, "--eval-metric", "similarity-spearman"], "needs --eval-similarity"),
            (["--eval-similarity", s.pairSimilarity(), "--patience", "0"], "--patience must be at least 1"),
            (["--progress-file", s.at("p.jsonl")], "--progress-file needs --progress json"),
        ]
        for (extra, message) in cases {
            let r = try CLI.run(train(s, extra))
            XCTAssertNotEqual(r.status, 0, "\(extra)")
            XCTAssertTrue(r.stderr.contains(message), "\(extra): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("epoch 1/"), "\(extra) trained: \(r.stderr)")
            XCTAssertEqual(String(decoding: bytes(s, "vectors.bin"), as: UTF8.self), "old", "\(extra) touched the output")
            XCTAssertFalse(s.exists("p.jsonl"))
        }
        // Scores all equal: no Spearman at any epoch, so --keep-best has nothing to write.
        let constant = s.file("constant.tsv", "city0\tland0\t5\nadj1\tcity2\t5\nadj2\tadj2ly\t5\n")
        let none = try CLI.run(train(s, ["--eval-similarity", constant, "--keep-best"]))
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.stderr.contains("--keep-best: no evaluation produced a similarity-spearman score"), none.stderr)
        XCTAssertEqual(String(decoding: bytes(s, "vectors.bin"), as: UTF8.self), "old")
        // A test set that does not parse fails before the corpus is read.
        let r = try CLI.run(train(s, ["--eval-analogies", badAnalogies]))
        XCTAssertFalse(r.stderr.contains("vocabulary:"), r.stderr)
    }

    func testExperimentProgressJSON() throws {
        let s = Scratch()
        let out = s.at("results")
        let r = try CLI.run(["experiment", "--input", s.pairCorpus(), "--analogies", s.pairAnalogies(), "--similarity", s.pairSimilarity(),
                             "--output", out, "--min-count", "1", "--dim", "16", "--epochs", "2", "--threads", "1",
                             "--models", "skipgram", "--strategies", "stl,mtl", "--progress", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = r.stderr.split(separator: "\n").filter { $0.hasPrefix("{") }
        let objects = try json.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let epochs = objects.filter { $0["event"] as? String == "epoch" }
        XCTAssertEqual(epochs.count, 4)
        XCTAssertEqual(epochs.map { $0["fraction"] as? Double }, [0.25, 0.5, 0.75, 1])
        XCTAssertEqual(epochs.map { $0["strategy"] as? String }, ["stl", "stl", "mtl", "mtl"])
        for key in ["loss", "dev_accuracy", "test_accuracy", "words_per_second", "eta_seconds", "training_seconds"] {
            XCTAssertNotNil(epochs[0][key], key)
        }
        XCTAssertEqual(objects.filter { $0["event"] as? String == "run" }.map { $0["epochs_trained"] as? Int }, [2, 2])
        XCTAssertFalse(r.stderr.contains("] skipgram stl seed 1 epoch 1:"), "the human lines are replaced")
    }
}
