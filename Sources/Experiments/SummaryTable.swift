import Corpus
import EmbedBase
import Embeddings
import Foundation

/// Mean and spread of a measurement over the seeds of one configuration.
public struct Spread: Equatable, Sendable {
    public var mean: Double
    /// Sample standard deviation (n − 1); nil with a single value.
    public var deviation: Double?
    public var count: Int

    public init?(_ values: [Double]) {
        let v = values.filter { $0.isFinite }
        guard !v.isEmpty else { return nil }
        count = v.count
        mean = v.reduce(0, +) / Double(v.count)
        if v.count > 1 {
            let m = mean
            deviation = (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count - 1)).squareRoot()
        }
    }

    public func formatted(decimals: Int = 1) -> String {
        let m = Format.fixed(mean, decimals)
        guard let deviation else { return m }
        return m + " ± " + Format.fixed(deviation, decimals)
    }
}

/// One row of the summary (Table 1 layout): a model and strategy over its seeds, each measured at
/// the run's convergence epoch (the dev-selected model).
public struct SummaryRow: Sendable {
    public var model: String
    public var strategy: String
    public var runs: Int
    public var failed: Int
    public var accuracy: Spread?
    public var seconds: Spread?
    public var compression: Spread?
    public var epochs: Spread?
    public var semantic: Spread?
    public var syntactic: Spread?
    public var similarity: Spread?
    /// 1 − FLOPs to first reach the STL run's best dev accuracy / STL's FLOPs to reach it (%),
    /// over the runs that reached it; `reachedSTL` of `runs − failed` did.
    public var savingToSTLAccuracy: Spread?
    public var reachedSTL = 0
    public var paper: PaperFigures?
}

/// `table.md`: the paper's Table 1 layout with our figures and the paper's side by side.
///
/// Per run, at its convergence epoch c (first epoch from which dev accuracy stays within
/// `tolerance` points of its best): test accuracy (total, semantic, syntactic), training time to c
/// (primary + auxiliary seconds, evaluation excluded), and compression = 1 − FLOPs to c / FLOPs to
/// c of the STL run of the same model and seed (the mean STL cost when that seed's STL run is
/// missing). Mean ± sample standard deviation over seeds.
///
/// Beside the paper's columns, a time-to-accuracy measure that does not depend on when a run stops
/// improving: the FLOPs a run needs to first reach the best dev accuracy of the STL run of the same
/// model and seed, against the FLOPs STL needs to reach it (saving = 1 − ratio).
public enum SummaryTable {
    public static func strategyLabel(_ strategy: String) -> String {
        ScheduleKind(rawValue: strategy)?.paperLabel ?? strategy
    }

    /// The runs grouped by model and strategy, groups in first-seen order.
    public static func groups(_ runs: [RunRecord]) -> [[RunRecord]] {
        var order: [String] = []
        var groups: [String: [RunRecord]] = [:]
        for run in runs {
            let key = run.model + "\u{0}" + run.strategy
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(run)
        }
        return order.map { groups[$0]! }
    }

    public static func rows(_ runs: [RunRecord], tolerance: Double = 0.5) -> [SummaryRow] {
        func stlCost(model: String, seed: UInt64?) -> Double? {
            let stl = runs.filter { $0.model == model && $0.strategy == ScheduleKind.stl.rawValue && $0.failure == nil }
            let costs = stl.filter { seed == nil || $0.seed == seed }.compactMap { $0.atConvergence(tolerance: tolerance)?.totalFlops }
            return costs.isEmpty ? nil : costs.reduce(0, +) / Double(costs.count)
        }
        /// The STL run of `model` and `seed` (else the first of that model).
        func stlRun(model: String, seed: UInt64) -> RunRecord? {
            let stl = runs.filter { $0.model == model && $0.strategy == ScheduleKind.stl.rawValue && $0.failure == nil && !$0.epochs.isEmpty }
            return stl.first { $0.seed == seed } ?? stl.first
        }
        /// Saving in FLOPs to reach the STL run's best dev accuracy (nil: never reached it).
        func savingToSTL(_ run: RunRecord) -> Double? {
            guard let stl = stlRun(model: run.model, seed: run.seed),
                  let target = stl.epochs.map(\.dev.total).filter({ $0.isFinite }).max(),
                  let reference = stl.epochs.first(where: { $0.dev.total >= target })?.totalFlops,
                  let reached = run.epochs.first(where: { $0.dev.total >= target })?.totalFlops else { return nil }
            return Convergence.compressionRate(strategyCost: reached, singleTaskCost: reference).map { $0 * 100 }
        }
        return groups(runs).map { group in
            let ok = group.filter { $0.failure == nil }
            let at = ok.compactMap { run in run.atConvergence(tolerance: tolerance).map { (run, $0) } }
            let compression: [Double] = at.compactMap { run, e in
                guard let base = stlCost(model: run.model, seed: run.seed) ?? stlCost(model: run.model, seed: nil) else { return nil }
                return Convergence.compressionRate(strategyCost: e.totalFlops, singleTaskCost: base).map { $0 * 100 }
            }
            let model = group[0].model, strategy = group[0].strategy
            let savings = ok.compactMap(savingToSTL)
            var row = SummaryRow(
                model: model, strategy: strategy, runs: group.count, failed: group.count - ok.count,
                accuracy: Spread(at.map { $0.1.test.total }), seconds: Spread(at.map { $0.1.trainingSeconds }),
                compression: Spread(compression), epochs: Spread(at.map { Double($0.1.epoch) }),
                semantic: Spread(at.map { $0.1.test.semantic }), syntactic: Spread(at.map { $0.1.test.syntactic }),
                similarity: Spread(at.map { $0.1.similaritySpearman }),
                paper: PaperFigures.lookup(model: model, strategy: strategyLabel(strategy)))
            row.savingToSTLAccuracy = Spread(savings)
            row.reachedSTL = savings.count
            return row
        }
    }

    public static func markdown(_ runs: [RunRecord], tolerance: Double = 0.5, notes: [String] = []) -> String {
        let rows = rows(runs, tolerance: tolerance)
        func cell(_ s: Spread?, _ decimals: Int = 1) -> String { s?.formatted(decimals: decimals) ?? "—" }
        func paper(_ x: Double?, _ decimals: Int = 1) -> String { Format.fixed(x, decimals, missing: "—") }
        var out = "# MT2ST: our measurements beside the paper's Table 1\n\n"
        out += "| Model | Strategy | Acc % | Acc % (paper) | Time s | Time s (paper) | Compr. % | Compr. % (paper) "
        out += "| Epochs | Epochs (paper) | Sem % | Sem % (paper) | Syn % | Syn % (paper) | Sim ρ×100 | FLOPs saved to STL acc. % | Runs |\n"
        out += "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        for r in rows {
            let p = r.paper
            let runs = r.failed > 0 ? "\(r.runs) (\(r.failed) failed)" : "\(r.runs)"
            out += "| \(PaperFigures.modelLabel(r.model)) | \(strategyLabel(r.strategy)) "
            out += "| \(cell(r.accuracy)) | \(paper(p?.accuracy)) | \(cell(r.seconds)) | \(paper(p?.seconds)) "
            out += "| \(cell(r.compression)) | \(paper(p?.compression)) | \(cell(r.epochs, r.epochs?.deviation == nil ? 0 : 1)) | \(paper(p?.epochs, 0)) "
            out += "| \(cell(r.semantic)) | \(paper(p?.semantic)) | \(cell(r.syntactic)) | \(paper(p?.syntactic)) "
            let done = r.runs - r.failed
            let reached = r.reachedSTL < done ? " (\(r.reachedSTL) of \(done) reached)" : ""
            out += "| \(cell(r.similarity)) | \(r.reachedSTL == 0 && done > 0 ? "not reached" : cell(r.savingToSTLAccuracy) + reached) | \(runs) |\n"
        }
        out += """

        Our figures are measured at each run's convergence epoch: the first epoch from which dev analogy \
        accuracy stays within \(tolerance) points of its best. Acc/Sem/Syn: analogy accuracy on the held-out \
        test questions (no answer pair of which was trained on). Time: training seconds to that epoch \
        (primary + auxiliary work, evaluation excluded). Compr.: 1 − FLOPs to converge / FLOPs to converge \
        of STL (same model and seed), FLOPs counted analytically. Sim: Spearman ρ × 100 on the held-out \
        similarity pairs. FLOPs saved to STL acc.: 1 − FLOPs to first reach the best dev accuracy of the STL \
        run (same model and seed) / FLOPs STL needed to reach it. Mean ± sample standard deviation over \
        seeds (no spread with one seed). The paper \
        does not say which corpus, auxiliary data or split it used, so its figures are not directly comparable.

        """
        for note in notes { out += "\n- " + note }
        if !notes.isEmpty { out += "\n" }
        return out
    }

    /// Writes the paper's layout, or knowledge mode's (`KnowledgeTable`) for runs without dev scores.
    public static func write(_ runs: [RunRecord], to path: String, tolerance: Double = 0.5, notes: [String] = []) throws {
        let text = KnowledgeTable.applies(runs) ? KnowledgeTable.markdown(runs, notes: notes) : markdown(runs, tolerance: tolerance, notes: notes)
        try AtomicFile.write(Array(text.utf8), to: path)
    }
}
