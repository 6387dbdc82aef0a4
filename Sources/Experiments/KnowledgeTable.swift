import EmbedBase
import Embeddings

/// `table.md` of knowledge mode (`experiment --knowledge`): no benchmark pair is trained on and
/// there is no dev split, so every run is measured at its last epoch (the vectors a user gets), on
/// the whole analogy file and both similarity files; each strategy beside STL (paired by seed).
public enum KnowledgeTable {
    /// Knowledge-mode runs: epochs recorded, none with a dev score (the paper's mode always has one).
    public static func applies(_ runs: [RunRecord]) -> Bool {
        let epochs = runs.flatMap(\.epochs)
        return !epochs.isEmpty && epochs.allSatisfy { !$0.dev.total.isFinite }
    }

    public static func strategyLabel(_ strategy: String) -> String {
        strategy == PreparedKnowledge.retrofitStrategy ? "STL + retrofit" : SummaryTable.strategyLabel(strategy)
    }

    public struct Row: Sendable {
        public var model: String, strategy: String
        public var runs = 0, failed = 0
        public var analogy: Spread?, semantic: Spread?, syntactic: Spread?
        public var similarity: Spread?, extraSimilarity: Spread?
        /// Paired by seed with the STL run of the same model: strategy − STL.
        public var analogyChange: Spread?, similarityChange: Spread?, extraSimilarityChange: Spread?
        public var seconds: Spread?
        /// Training seconds / the STL run's of the same seed.
        public var timeRatio: Spread?
        public var flops: Spread?
        /// Auxiliary (knowledge) FLOPs in % of the run's total.
        public var auxiliaryShare: Spread?
    }

    public static func rows(_ runs: [RunRecord]) -> [Row] {
        func stl(_ run: RunRecord) -> EpochRecord? {
            runs.first { $0.model == run.model && $0.strategy == ScheduleKind.stl.rawValue && $0.seed == run.seed && $0.failure == nil }?
                .epochs.last
        }
        return SummaryTable.groups(runs).map { group in
            let done = group.filter { $0.failure == nil }.compactMap { run in run.epochs.last.map { (run, $0) } }
            func spread(_ value: (EpochRecord) -> Double) -> Spread? { Spread(done.map { value($0.1) }) }
            func paired(_ value: (EpochRecord, EpochRecord) -> Double) -> Spread? {
                Spread(done.compactMap { run, e in stl(run).map { value(e, $0) } })
            }
            var row = Row(model: group[0].model, strategy: group[0].strategy)
            row.runs = group.count
            row.failed = group.count - done.count
            row.analogy = spread { $0.test.total }
            row.semantic = spread { $0.test.semantic }
            row.syntactic = spread { $0.test.syntactic }
            row.similarity = spread { $0.similaritySpearman }
            row.extraSimilarity = spread { $0.extraSimilaritySpearman }
            row.analogyChange = paired { $0.test.total - $1.test.total }
            row.similarityChange = paired { $0.similaritySpearman - $1.similaritySpearman }
            row.extraSimilarityChange = paired { $0.extraSimilaritySpearman - $1.extraSimilaritySpearman }
            row.seconds = spread { $0.trainingSeconds }
            row.timeRatio = paired { $1.trainingSeconds > 0 ? $0.trainingSeconds / $1.trainingSeconds : .nan }
            row.flops = spread { $0.totalFlops / 1e12 }
            row.auxiliaryShare = spread { $0.totalFlops > 0 ? 100 * ($0.analogyFlops + $0.similarityFlops) / $0.totalFlops : .nan }
            return row
        }
    }

    public static func markdown(_ runs: [RunRecord], notes: [String] = []) -> String {
        func cell(_ s: Spread?, _ decimals: Int = 1, signed: Bool = false) -> String {
            guard let s else { return "—" }
            let text = s.formatted(decimals: decimals)
            return signed && s.mean >= 0 ? "+" + text : text
        }
        var out = "# MT2ST with lexical knowledge: every strategy beside STL\n\n"
        out += "| Model | Strategy | Analogy % | Sem % | Syn % | Sim ρ×100 | Sim 2 ρ×100 | Δ Analogy | Δ Sim | Δ Sim 2 "
        out += "| Time s | Time / STL | TFLOPs | Knowledge FLOPs % | Runs |\n"
        out += "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        for r in rows(runs) {
            let count = r.failed > 0 ? "\(r.runs) (\(r.failed) failed)" : "\(r.runs)"
            out += "| \(PaperFigures.modelLabel(r.model)) | \(strategyLabel(r.strategy)) | \(cell(r.analogy, 2)) | \(cell(r.semantic, 2)) "
            out += "| \(cell(r.syntactic, 2)) | \(cell(r.similarity)) | \(cell(r.extraSimilarity)) | \(cell(r.analogyChange, 2, signed: true)) "
            out += "| \(cell(r.similarityChange, 1, signed: true)) | \(cell(r.extraSimilarityChange, 1, signed: true)) "
            out += "| \(cell(r.seconds)) | \(cell(r.timeRatio, 2)) | \(cell(r.flops, 2)) | \(cell(r.auxiliaryShare, 2)) | \(count) |\n"
        }
        out += """

        Every run is measured at its last epoch (knowledge mode has no dev split: nothing of the \
        benchmark files is trained on, every pair of them is removed from the knowledge data). Analogy \
        / Sem / Syn: accuracy on the whole analogy file (3CosAdd); Sim, Sim 2: Spearman ρ × 100 on the \
        whole similarity files. Δ: the strategy minus the STL run of the same model and seed. Time: \
        training seconds (primary + auxiliary work; for STL + retrofit, STL's plus the retrofitting; \
        evaluation excluded); Time / STL: paired by seed. TFLOPs: counted analytically (primary, \
        knowledge tasks, retrofitting); Knowledge FLOPs: the auxiliary tasks' (or the retrofitting's) \
        share. Mean ± sample standard deviation over seeds (no spread with one seed).

        """
        for note in notes { out += "\n- " + note }
        if !notes.isEmpty { out += "\n" }
        return out
    }
}
