import Corpus
import EmbedBase

/// Writes an experiment's results into a directory: `runs.csv`, `table.md` and, per model, three
/// SVG charts (`<model>-dev-accuracy.svg`, `<model>-primary-loss.svg`, `<model>-gamma.svg`), one
/// line per strategy (the mean over seeds at each epoch).
public enum ExperimentReport {
    public static func charts(_ runs: [RunRecord]) -> [(name: String, chart: LineChart)] {
        var out: [(String, LineChart)] = []
        // Knowledge mode has no dev split: its accuracy chart shows the whole analogy file.
        let knowledge = KnowledgeTable.applies(runs)
        for (model, prefix) in zip(models(runs), ChartFileNames.prefixes(models(runs))) {
            let mine = runs.filter { $0.model == model }
            var strategies: [String] = []
            for r in mine where !strategies.contains(r.strategy) { strategies.append(r.strategy) }
            func series(_ value: (EpochRecord) -> Double) -> [LineChart.Series] {
                strategies.map { strategy in
                    let group = mine.filter { $0.strategy == strategy }
                    let epochs = group.map(\.epochs.count).max() ?? 0
                    let points: [(x: Double, y: Double)] = (0..<epochs).map { i in
                        let values = group.compactMap { $0.epochs.count > i ? value($0.epochs[i]) : nil }.filter { $0.isFinite }
                        return (Double(i + 1), values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count))
                    }
                    let failed = group.allSatisfy { $0.failure != nil } ? " (failed)" : ""
                    return LineChart.Series(name: KnowledgeTable.strategyLabel(strategy) + failed, points: points)
                }
            }
            let label = PaperFigures.modelLabel(model)
            out.append(("\(prefix)-dev-accuracy.svg",
                        LineChart(title: "\(label): \(knowledge ? "analogy accuracy (whole file, never trained on)" : "dev analogy accuracy")",
                                  xLabel: "epoch", yLabel: "accuracy (%)", series: series { knowledge ? $0.test.total : $0.dev.total })))
            out.append(("\(prefix)-primary-loss.svg",
                        LineChart(title: "\(label): primary loss", xLabel: "epoch", yLabel: "mean loss per prediction",
                                  series: series { $0.primaryLoss })))
            out.append(("\(prefix)-gamma.svg",
                        LineChart(title: "\(label): auxiliary weight γ (\(knowledge ? "relation-analogy" : "analogy") task)", xLabel: "epoch",
                                  yLabel: "γ in the middle of the epoch", series: series { $0.analogyGamma })))
        }
        return out
    }

    /// The models of `runs`, in first-seen order.
    public static func models(_ runs: [RunRecord]) -> [String] {
        var models: [String] = []
        for r in runs where !models.contains(r.model) { models.append(r.model) }
        return models
    }

    /// The names of the files `write` creates for runs of `models`.
    public static func fileNames(models: [String]) -> [String] {
        ["runs.csv", "table.md"] + ChartFileNames.prefixes(models).flatMap { p in
            ["dev-accuracy", "primary-loss", "gamma"].map { "\(p)-\($0).svg" }
        }
    }

    /// Writes everything; returns the paths written.
    @discardableResult
    public static func write(_ runs: [RunRecord], into directory: String, tolerance: Double = 0.5,
                             notes: [String] = []) throws -> [String] {
        var written: [String] = []
        try RunsCSV.write(runs, to: directory + "/runs.csv")
        written.append(directory + "/runs.csv")
        try SummaryTable.write(runs, to: directory + "/table.md", tolerance: tolerance, notes: notes)
        written.append(directory + "/table.md")
        for (name, chart) in charts(runs) {
            try AtomicFile.write(Array(chart.svg.utf8), to: directory + "/" + name)
            written.append(directory + "/" + name)
        }
        return written
    }
}
