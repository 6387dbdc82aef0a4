import XCTest
@testable import Experiments

final class RunsCSVReaderTests: XCTestCase {
    func testRoundTripKeepsEveryRunEpochAndFailure() throws {
        var runs = plantedRuns()
        runs.append(RunRecord(model: "cbow", strategy: "stl", seed: 3, failure: "line one\nsaid \"no\", twice"))
        let text = RunsCSV.text(runs)
        let back = try RunsCSVReader.parse(text, path: "runs.csv")
        XCTAssertEqual(back.count, runs.count)
        for (a, b) in zip(runs, back) {
            XCTAssertEqual(a.model, b.model)
            XCTAssertEqual(a.strategy, b.strategy)
            XCTAssertEqual(a.seed, b.seed)
            XCTAssertEqual(a.failure, b.failure)
            XCTAssertEqual(a.epochs.count, b.epochs.count)
        }
        XCTAssertEqual(RunsCSV.text(back), text, "writing what was read gives the same file")
        XCTAssertEqual(SummaryTable.markdown(back), SummaryTable.markdown(runs))
    }

    func testMalformedFilesNameTheLine() {
        let good = RunsCSV.text(plantedRuns()).split(separator: "\n").map(String.init)
        func error(_ lines: [String]) -> String {
            do {
                _ = try RunsCSVReader.parse(lines.joined(separator: "\n") + "\n", path: "r.csv")
                return "no error"
            } catch { return "\(error)" }
        }
        XCTAssertTrue(error(["model,strategy"] + good.dropFirst()).hasPrefix("r.csv:1: not a runs.csv header"))
        XCTAssertEqual(error([good[0], good[1], "skipgram,stl,1,2,3"]), "r.csv:3: expected 24 fields, found 5")
        XCTAssertEqual(error([good[0], good[1].replacingOccurrences(of: "skipgram,stl,1,1,3,", with: "skipgram,stl,1,1,x,")]),
                       "r.csv:2: primary_loss is not a number: 'x'")
        XCTAssertEqual(error([good[0], good[2]]), "r.csv:2: epoch '2' out of sequence")
        XCTAssertEqual(error([good[0]]), "r.csv: no runs (only the header)")
        XCTAssertEqual(error([]), "r.csv: empty file")
    }

    /// FLOPs saved to reach STL's best dev accuracy: STL reaches its best (30) at epoch 3 with 300
    /// FLOPs; MTL reaches 30 at epoch 2 with 2 × 110 FLOPs: 1 − 220/300.
    func testSavingToSTLAccuracy() {
        func run(_ strategy: String, _ dev: [Double], _ flops: Double) -> RunRecord {
            RunRecord(model: "glove", strategy: strategy, seed: 1, epochs: dev.enumerated().map { i, d in
                var e = EpochRecord(epoch: i + 1, primaryLoss: 1)
                e.dev = AnalogyScores(total: d, semantic: d, syntactic: d)
                e.test = e.dev
                e.primaryFlops = flops * Double(i + 1)
                return e
            })
        }
        let rows = SummaryTable.rows([run("stl", [10, 20, 30], 100), run("mtl", [20, 30, 31], 110), run("switch", [20, 25, 29], 100)])
        XCTAssertEqual(rows[0].savingToSTLAccuracy!.mean, 0, accuracy: 1e-12)
        XCTAssertEqual(rows[1].savingToSTLAccuracy!.mean, 100 * (1 - 220.0 / 300), accuracy: 1e-9)
        XCTAssertNil(rows[2].savingToSTLAccuracy)
        let md = SummaryTable.markdown([run("stl", [10, 20, 30], 100), run("switch", [20, 25, 29], 100)])
        XCTAssertTrue(md.contains("| not reached | 1 |"), md)
    }
}
