import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Experiments

/// Runs with planted numbers: STL converges at epoch 3, switch at epoch 2 with half the FLOPs/epoch.
func plantedRuns(seeds: [UInt64] = [1, 2]) -> [RunRecord] {
    var runs: [RunRecord] = []
    for seed in seeds {
        for (strategy, dev, flopsPerEpoch) in [("stl", [10.0, 20, 30, 30.2], 100.0), ("switch", [15.0, 30, 30.1, 30], 50.0)] {
            let epochs: [EpochRecord] = dev.enumerated().map { i, d in
                var e = EpochRecord(epoch: i + 1, primaryLoss: 3 - Double(i) * 0.5)
                e.dev = AnalogyScores(total: d, semantic: d + 1, syntactic: d - 1)
                e.test = AnalogyScores(total: d + Double(seed), semantic: d, syntactic: d)
                e.primaryFlops = flopsPerEpoch * Double(i + 1)
                e.analogyGamma = strategy == "switch" && i == 0 ? 1 : 0
                e.primarySeconds = Double(i + 1)
                e.auxiliarySeconds = strategy == "switch" ? 0.5 : 0
                e.similaritySpearman = 40
                return e
            }
            runs.append(RunRecord(model: "skipgram", strategy: strategy, seed: seed, epochs: epochs))
        }
    }
    runs.append(RunRecord(model: "skipgram", strategy: "mtl", seed: 1, failure: "diverged, at epoch 1"))
    return runs
}

final class ReportTests: XCTestCase {
    func testSummaryRowsMeasureAtConvergence() throws {
        let rows = SummaryTable.rows(plantedRuns())
        XCTAssertEqual(rows.map(\.strategy), ["stl", "switch", "mtl"])
        let stl = rows[0], sw = rows[1], mtl = rows[2]
        XCTAssertEqual(stl.epochs?.mean, 3)
        XCTAssertEqual(sw.epochs?.mean, 2)
        // Switch: 100 FLOPs to converge vs STL's 300.
        XCTAssertEqual(sw.compression!.mean, 100 * (1 - 100.0 / 300), accuracy: 1e-9)
        XCTAssertEqual(stl.compression!.mean, 0, accuracy: 1e-12)
        // Test accuracy at epoch 2 for switch: 30 + seed -> 31, 32.
        XCTAssertEqual(sw.accuracy!.mean, 31.5, accuracy: 1e-12)
        XCTAssertEqual(sw.accuracy!.deviation!, 0.7071, accuracy: 1e-3)
        XCTAssertEqual(sw.seconds!.mean, 2.5)
        XCTAssertEqual(sw.paper?.accuracy, 78.0)
        XCTAssertEqual(mtl.failed, 1)
        XCTAssertNil(mtl.accuracy)
    }

    func testMarkdownTableHasOursAndThePapers() {
        let md = SummaryTable.markdown(plantedRuns())
        XCTAssertTrue(md.contains("| Skip-Gram | MT2ST-S | 31.5 ± 0.7 | 78.0 |"), md)
        XCTAssertTrue(md.contains("| Skip-Gram | MTL | — | 67.0 |"), md)
        XCTAssertTrue(md.contains("1 (1 failed)"))
        let tableLines = md.split(separator: "\n").filter { $0.hasPrefix("|") }
        let columns = Set(tableLines.map { $0.filter { $0 == "|" }.count })
        XCTAssertEqual(columns.count, 1, "every row has the header's column count")
    }

    func testCSVHasOneRowPerRunAndEpoch() {
        let csv = RunsCSV.text(plantedRuns())
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 1 + 2 * 2 * 4 + 1)
        let width = RunsCSV.header.count
        XCTAssertEqual(lines[1].split(separator: ",", omittingEmptySubsequences: false).count, width)
        XCTAssertTrue(lines[1].hasPrefix("skipgram,stl,1,1,3,,,0,0,10,11,9,11,10,10,40,,100,0,0,1,0,"))
        XCTAssertTrue(lines.last!.hasSuffix(",\"diverged, at epoch 1\""), String(lines.last!))
    }

    func testChartsAreWellFormedSVG() throws {
        let charts = ExperimentReport.charts(plantedRuns())
        XCTAssertEqual(charts.map(\.name), ["skipgram-dev-accuracy.svg", "skipgram-primary-loss.svg", "skipgram-gamma.svg"])
        for (name, chart) in charts {
            let svg = chart.svg
            XCTAssertTrue(svg.hasPrefix("<?xml"))
            XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 2, "stl and switch; the failed run has no points")
            XCTAssertTrue(svg.contains(">MT2ST-S</text>"))
            XCTAssertEqual(svg.components(separatedBy: "<svg").count, 2)
            XCTAssertTrue(svg.hasSuffix("</svg>\n"))
            XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse(), "the SVG parses as XML")
            if let dump = ProcessInfo.processInfo.environment["MT2ST_CHART_DUMP"] {
                try svg.write(toFile: dump + "/" + name, atomically: true, encoding: .utf8)
            }
        }
    }

    func testTicksAreRound() {
        XCTAssertEqual(LineChart.ticks(0, 10), [0, 2, 4, 6, 8, 10])
        XCTAssertEqual(LineChart.ticks(1, 4), [1, 2, 3, 4])
        XCTAssertEqual(LineChart.ticks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1])
        XCTAssertEqual(LineChart.ticks(0.13, 0.91).first!, 0.2, accuracy: 1e-12)
    }

    /// Any finite range gives a few ticks (it looped forever on 0...1e-320 and trapped on ±1.7e308).
    func testTicksOfExtremeRanges() {
        for (lo, hi) in [(0.0, 1e-320), (-1.7e308, 1.7e308), (1e300, 1.7e308), (-Double.greatestFiniteMagnitude, 0),
                         (5e-324, 1e-323), (1e15, 1e15 + 2), (4e16, 4e16 + 8)] {
            let t = LineChart.ticks(lo, hi)
            XCTAssertTrue(!t.isEmpty && t.count <= 24, "\(lo)...\(hi): \(t)")
            XCTAssertTrue(t.allSatisfy { $0.isFinite }, "\(t)")
        }
        XCTAssertEqual(LineChart.ticks(.nan, 1), [])
        XCTAssertEqual(LineChart.ticks(0, .infinity), [])
    }

    func testChartsSkipAndCountUndrawablePoints() {
        let chart = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [
            LineChart.Series(name: "a", points: [(1, 1.7e308), (2, -1.7e308), (3, .nan), (4, .infinity), (5, 0), (6, 1e-320)]),
        ])
        XCTAssertEqual(chart.skippedPoints, 4)
        let svg = chart.svg
        XCTAssertTrue(svg.contains("4 points not drawn"), svg)
        XCTAssertFalse(svg.contains("nan") || svg.contains("inf"), svg)
    }

    func testChartFileNamesStayInTheFolderAndAreDistinct() {
        XCTAssertEqual(ChartFileNames.prefixes(["skipgram", "../../x", "/etc/passwd", "", "a b", "a_b", "..", "東京"]),
                       ["skipgram", "______x", "_etc_passwd", "model", "a_b", "a_b-2", "__", "__"].enumerated().map { i, n in
                           i == 7 ? "__-2" : n
                       })
        let names = ExperimentReport.fileNames(models: ["../../x"])
        XCTAssertEqual(names, ["runs.csv", "table.md", "______x-dev-accuracy.svg", "______x-primary-loss.svg", "______x-gamma.svg"])
        XCTAssertTrue(ExperimentReport.charts(plantedRuns()).allSatisfy { !$0.name.contains("/") })
    }
}
