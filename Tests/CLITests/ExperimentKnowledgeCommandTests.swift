import Foundation
import XCTest

/// `experiment --knowledge`: every strategy trains on the knowledge files minus every pair of the
/// evaluated files, STL gets an STL + retrofit row, and `report` redraws the knowledge table.
final class ExperimentKnowledgeCommandTests: XCTestCase {
    /// Evaluation files covering half of `knowledgeDir()`'s pairs (city0-4/land0-4, adj0-4/adj0-4ly,
    /// city5-land5 in the extra similarity file).
    func args(_ s: Scratch, output: String) -> [String] {
        var analogies = ": capital-world\n"
        for p in 0..<5 { for q in 0..<5 where q != p { analogies += "city\(p) land\(p) city\(q) land\(q)\n" } }
        analogies += ": gram3-adverbs\n"
        for p in 0..<5 { for q in 0..<5 where q != p { analogies += "adj\(p) adj\(p)ly adj\(q) adj\(q)ly\n" } }
        return ["experiment", "--input", s.pairCorpus(), "--analogies", s.file("q.txt", analogies),
                "--similarity", s.file("s.tsv", "city6 adj6 2\ncapital land7 4\nadj8 city8 1\n"),
                "--extra-similarity", s.file("simlex.txt", "# Word 1\tWord 2\tHuman (mean)\ncity5\tland5\t9\nadj9\tland9\t1\nvery\tcity9\t2\n"),
                "--knowledge", "wordnet", "--knowledge-dir", s.knowledgeDir(), "--output", output, "--min-count", "1", "--dim", "16",
                "--epochs", "2", "--threads", "1", "--aux-every", "200", "--aux-examples", "5"]
    }

    func testKnowledgeModeTrainsEveryStrategyExcludesEvaluatedPairsAndAddsRetrofit() throws {
        let s = Scratch()
        let out = s.at("results")
        let r = try CLI.run(args(s, output: out) + ["--models", "skipgram", "--strategies", "stl,mtl,diminish,switch,adaptive", "--seeds", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let dir = s.at("knowledge")
        XCTAssertTrue(r.stderr.contains("knowledge: \(dir)/wordnet-relations.txt: 9 relation pairs in the vocabulary in 2 relations (adverb 5, capital 4); "
                                        + "11 removed as evaluation pairs, 1 out of vocabulary"), r.stderr)
        XCTAssertTrue(r.stderr.contains("knowledge: \(dir)/wordnet-constraints.txt: 5 constraints in the vocabulary (4 attract, 1 repel); "
                                        + "6 removed as evaluation pairs, 0 out of vocabulary"), r.stderr)
        XCTAssertTrue(r.stderr.contains("(similarity): 1 of its 3 pairs are in the knowledge data (33.3 %), none is trained on"), r.stderr)
        XCTAssertTrue(r.stderr.contains("retrofit lexicon (STL + retrofit row): 4 synonym pairs"), r.stderr)
        XCTAssertTrue(r.stderr.contains("[10/10] skipgram adaptive seed 2 epoch 2"), r.stderr)
        XCTAssertTrue(r.stderr.contains("[1/10] skipgram stl seed 1 + retrofit, epoch 2"), r.stderr)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: out))?.sorted() ?? []
        XCTAssertEqual(files, ["runs.csv", "skipgram-dev-accuracy.svg", "skipgram-gamma.svg", "skipgram-primary-loss.svg", "table.md"],
                       "no splits in knowledge mode")
        let table = try String(contentsOfFile: out + "/table.md", encoding: .utf8)
        for row in ["STL", "STL + retrofit", "MTL", "MT2ST-D", "MT2ST-S", "MT2ST-A"] {
            XCTAssertTrue(table.contains("| Skip-Gram | \(row) | "), "\(row): \(table)")
        }
        XCTAssertTrue(table.contains("| Model | Strategy | Analogy % |"), table)
        XCTAssertTrue(table.contains("switch at 2.0,") && table.contains("5 auxiliary examples per task every 200 tokens per thread, attract margin 0.3,"),
                      "the knowledge preset where options are not given: \(table)")
        // runs.csv: 6 rows × 2 seeds × 2 epochs; every epoch has both similarity scores; MTL's
        // knowledge FLOPs are in the analogy (relation-analogy) and similarity (attract-repel) columns.
        let csv = try String(contentsOfFile: out + "/runs.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(csv.count, 1 + 6 * 2 * 2)
        let header = csv[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let column = { (name: String) in header.firstIndex(of: name)! }
        for line in csv.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertFalse(f[column("extra_similarity_spearman")].isEmpty, String(line))
            XCTAssertTrue(f[column("dev_total")].isEmpty, "no dev split: \(line)")
            if f[column("strategy")] == "mtl" {
                XCTAssertNotEqual(f[column("flops_analogy")], "0", String(line))
                XCTAssertNotEqual(f[column("flops_similarity")], "0", String(line))
            }
            if f[column("strategy")] == "stl+retrofit" { XCTAssertNotEqual(f[column("flops_similarity")], "0", "retrofitting counted: \(line)") }
        }
        // `report` redraws the knowledge table from runs.csv.
        let redrawn = s.at("redrawn")
        let report = try CLI.run(["report", "--runs", out + "/runs.csv", "--output", redrawn])
        XCTAssertEqual(report.status, 0, report.stderr)
        let again = try String(contentsOfFile: redrawn + "/table.md", encoding: .utf8)
        let rows = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("| Skip-Gram") } }
        XCTAssertEqual(rows(again), rows(table))
    }

    func testKnowledgeModeRefusesDevOnlyOptions() throws {
        let s = Scratch()
        for (extra, message) in [(["--patience", "1"], "--patience needs a dev split"),
                                 (["--strategies", "adaptive", "--adaptive-signal", "dev-accuracy"], "use --adaptive-signal primary-loss")] {
            let r = try CLI.run(args(s, output: s.at("out")) + extra)
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains(message), r.stderr)
            XCTAssertFalse(s.exists("out"))
        }
        var plain = try CLI.run(["experiment", "--input", s.pairCorpus(), "--analogies", s.pairAnalogies(), "--similarity", s.pairSimilarity(),
                                 "--output", s.at("out"), "--extra-similarity", s.pairSimilarity()])
        XCTAssertEqual(plain.status, 64, plain.stderr)
        XCTAssertTrue(plain.stderr.contains("--extra-similarity is scored in knowledge mode"), plain.stderr)
        plain = try CLI.run(args(s, output: s.at("out")) + ["--knowledge-dir", s.at("nowhere")])
        XCTAssertEqual(plain.status, 1, plain.stderr)
        XCTAssertTrue(plain.stderr.contains("build the WordNet knowledge files with `make data`"), plain.stderr)
        XCTAssertFalse(s.exists("out"))
    }
}
