import Corpus
import EmbedBase
import Embeddings
import Evaluation

/// Auxiliary training data for `train`: whole files (no split: pass a train split, e.g. the
/// `splits/analogies-train.txt` that `experiment` or `split` writes), mapped to the vocabulary.
public struct AuxiliaryFiles {
    public var analogies: [AnalogyExample] = []
    public var similarities: [SimilarityExample] = []
    public var skippedAnalogies = 0
    public var skippedSimilarities = 0

    public init() {}

    /// Reads and checks the files (malformed, empty, all out of vocabulary: errors naming the file).
    public static func load(analogies: String?, similarity: String?, vocabulary: Vocabulary) throws -> AuxiliaryFiles {
        var files = AuxiliaryFiles()
        if let analogies {
            let set = try AnalogySet.load(path: analogies)
            let r = try AuxiliaryData.analogyExamples(ExperimentData.questions(set), vocabulary: vocabulary, path: analogies)
            files.analogies = r.examples
            files.skippedAnalogies = r.skipped
        }
        if let similarity {
            let pairs = ExperimentData.pairs(try SimilaritySet.load(path: similarity))
            let r = try AuxiliaryData.similarityExamples(pairs, scoreRange: AuxiliaryData.scoreRange(pairs),
                                                         vocabulary: vocabulary, path: similarity)
            files.similarities = r.examples
            files.skippedSimilarities = r.skipped
        }
        return files
    }
}

/// Epoch-end bookkeeping of the auxiliary tasks in `train`: sums their losses and steps, feeds the
/// schedules the primary loss (the adaptive switch; `train` has no dev set) and reports a line.
public final class AuxiliaryEpochReporter: EpochObserver {
    public let training: AuxiliaryTraining
    let report: (String) -> Void

    public init(training: AuxiliaryTraining, report: @escaping (String) -> Void) {
        self.training = training
        self.report = report
    }

    public func epochDidEnd(_ summary: EpochSummary, table: EmbeddingTable) throws {
        let t = training.epochTotals()
        let middle = Double(summary.epoch) - 0.5
        let parts = zip(training.tasks, t.tasks).filter { $1.steps > 0 || $0.objective.exampleCount > 0 }.map { task, sums in
            "\(sums.name) loss \(Format.fixed(sums.meanLoss, 4)) (\(sums.steps) steps, γ \(Format.fixed(task.schedule.weight(at: middle), 3)))"
        }
        report("  auxiliary, epoch \(summary.epoch): " + parts.joined(separator: ", ")
               + ", \(Format.fixed(t.threadSeconds, 2)) thread-seconds")
        training.observe(epoch: summary.epoch, signal: summary.loss)
    }
}
