import ArgumentParser
import Evaluation
import Experiments
import Foundation

extension EvaluationMetric: ExpressibleByArgument {}

/// `train`'s evaluation during training: test sets, how often, early stopping, best epoch.
struct EvaluationOptionGroup: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Score analogies (questions-words.txt format) after each evaluated epoch, as `evaluate` does (3CosAdd, case-insensitive, --eval-restrict-vocab).", valueName: "file"))
    var evalAnalogies: String?

    @Option(name: .long, help: ArgumentHelp("Score word similarity ('word1 word2 score' lines; Spearman and Pearson, as `evaluate`) after each evaluated epoch.", valueName: "file"))
    var evalSimilarity: String?

    @Option(name: .long, help: ArgumentHelp("Evaluate after every N-th epoch (and after the last).", valueName: "N"))
    var evalEvery: Int = 1

    @Option(name: .long, help: ArgumentHelp("Stop training after K evaluations in a row without improvement of --eval-metric (needs an evaluation file).", valueName: "K"))
    var patience: Int?

    @Flag(name: .long, help: "Write the vectors of the best evaluation (by --eval-metric) instead of the last epoch's (needs an evaluation file).")
    var keepBest = false

    @Option(name: .long, help: "The score --patience and --keep-best follow (default: analogy-total with --eval-analogies, else similarity-spearman).")
    var evalMetric: EvaluationMetric?

    @Option(name: .long, help: "Analogies during training: only the N most frequent words are candidates (`evaluate --restrict-vocab`); 0 means all words.")
    var evalRestrictVocab: Int = 30_000

    var enabled: Bool { evalAnalogies != nil || evalSimilarity != nil }
    var metric: EvaluationMetric { evalMetric ?? (evalAnalogies != nil ? .analogyTotal : .similaritySpearman) }

    func validate() throws {
        if !enabled {
            if patience != nil { throw ValidationError("--patience needs an evaluation file: --eval-analogies and/or --eval-similarity") }
            if keepBest { throw ValidationError("--keep-best needs an evaluation file: --eval-analogies and/or --eval-similarity") }
            if evalMetric != nil { throw ValidationError("--eval-metric needs an evaluation file: --eval-analogies and/or --eval-similarity") }
            return
        }
        if evalEvery < 1 { throw ValidationError("--eval-every must be at least 1 (got \(evalEvery))") }
        if let patience, patience < 1 { throw ValidationError("--patience must be at least 1 (got \(patience))") }
        if evalRestrictVocab < 0 { throw ValidationError("--eval-restrict-vocab must be 0 (all) or positive") }
        if metric.needsAnalogies && evalAnalogies == nil {
            throw ValidationError("--eval-metric \(metric.rawValue) needs --eval-analogies")
        }
        if !metric.needsAnalogies && evalSimilarity == nil {
            throw ValidationError("--eval-metric \(metric.rawValue) needs --eval-similarity")
        }
    }

    func options(threads: Int) -> TrainingEvaluationOptions {
        var o = TrainingEvaluationOptions()
        o.every = evalEvery
        o.patience = patience
        o.keepBest = keepBest
        o.metric = metric
        o.restrictVocab = evalRestrictVocab
        o.threads = threads
        return o
    }
}
