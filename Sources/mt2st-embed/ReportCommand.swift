import EmbedBase
import ArgumentParser
import Corpus
import Experiments
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Redraw an experiment's table.md and charts from runs.csv files, without training.",
        discussion: """
        Reads one or more runs.csv written by `experiment` (e.g. runs made on different machines, or \
        with different seeds) and writes into --output: runs.csv (all runs, in the order read), \
        table.md and the SVG charts, with the given --tolerance for the convergence epoch.
        """)

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("runs.csv files written by `experiment`.", valueName: "file"))
    var runs: [String]

    @Option(name: .long, help: ArgumentHelp("Directory for the report (created if missing).", valueName: "dir"))
    var output: String

    @Option(name: .long, help: "Convergence: the first epoch from which dev accuracy stays within this many points of its best.")
    var tolerance: Double = 0.5

    func validate() throws {
        if runs.isEmpty { throw ValidationError("--runs needs at least one runs.csv") }
        if !(tolerance >= 0) { throw ValidationError("--tolerance must be 0 or positive (got \(tolerance))") }
    }

    func run() throws {
        try runReportingErrors {
            let all = try runs.flatMap { try RunsCSVReader.read(path: $0) }
            try OutputPath.createDirectory(output)
            let notes = ["Redrawn by `mt2st-embed report` from: " + runs.joined(separator: ", ") + "."]
            let written = try ExperimentReport.write(all, into: output, tolerance: tolerance, notes: notes)
            printErr("read \(all.count) runs from \(runs.count) file\(runs.count == 1 ? "" : "s"); wrote \(written.count) files into \(output)")
        }
    }
}
