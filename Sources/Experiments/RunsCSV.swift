import Corpus
import EmbedBase
import Foundation

/// `runs.csv`: one row per run and epoch with every measurement (costs cumulative). Numbers are
/// written with enough digits to recompute the table; a missing value is an empty field.
public enum RunsCSV {
    public static let header = [
        "model", "strategy", "seed", "epoch", "primary_loss", "analogy_loss", "similarity_loss",
        "gamma_analogy", "gamma_similarity",
        "dev_total", "dev_semantic", "dev_syntactic", "test_total", "test_semantic", "test_syntactic",
        "similarity_spearman", "extra_similarity_spearman", "flops_primary", "flops_analogy", "flops_similarity",
        "seconds_primary", "seconds_auxiliary", "seconds_evaluation", "failure",
    ]
    /// The header before knowledge mode added `extra_similarity_spearman` (still read).
    public static let legacyHeader = header.filter { $0 != "extra_similarity_spearman" }

    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.6g", x)
    }

    /// RFC 4180 quoting where needed.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func text(_ runs: [RunRecord]) -> String {
        var out = header.joined(separator: ",") + "\n"
        for run in runs {
            let rows = run.epochs.isEmpty ? [nil] : run.epochs.map { Optional($0) }
            for (i, e) in rows.enumerated() {
                var f = [field(run.model), field(run.strategy), String(run.seed)]
                if let e {
                    f.append(String(e.epoch))
                    f += [e.primaryLoss, e.analogyLoss, e.similarityLoss, e.analogyGamma, e.similarityGamma,
                          e.dev.total, e.dev.semantic, e.dev.syntactic, e.test.total, e.test.semantic,
                          e.test.syntactic, e.similaritySpearman, e.extraSimilaritySpearman, e.primaryFlops, e.analogyFlops,
                          e.similarityFlops, e.primarySeconds, e.auxiliarySeconds, e.evaluationSeconds].map(number)
                } else {
                    f.append("")
                    f += Array(repeating: "", count: 19)
                }
                let last = i == rows.count - 1
                f.append(last ? field(run.failure ?? "") : "")
                out += f.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    public static func write(_ runs: [RunRecord], to path: String) throws {
        try AtomicFile.write(Array(text(runs).utf8), to: path)
    }
}

