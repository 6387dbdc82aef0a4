import Embeddings
import Evaluation
import Experiments
import Foundation

/// The JSON progress events (documented in the README, "Machine-readable progress").
enum ProgressEvent {
    /// A few times a second during an epoch (Skip-Gram, CBOW, FastText).
    struct Progress: Encodable {
        let event = "progress"
        var model: String
        var epoch: Int
        var epochs: Int
        var fraction: Double
        var words_per_second: Double
        var words_per_second_per_thread: Double
        var learning_rate: Double
        var loss: Double?
        var eta_seconds: Double
        var elapsed_seconds: Double
    }

    /// At each epoch's end (every model).
    struct Epoch: Encodable {
        let event = "epoch"
        var model: String
        var epoch: Int
        var epochs: Int
        var fraction: Double
        var loss: Double?
        var learning_rate: Double
        var elapsed_seconds: Double
        var eta_seconds: Double
    }

    struct Analogies: Encodable {
        var file: String
        var total: Double?
        var semantic: Double?
        var syntactic: Double?
        var correct: Int
        var seen: Int
        var questions: Int

        init(_ r: AnalogyResult) {
            file = r.path
            total = r.total.accuracy
            semantic = r.semantic.accuracy
            syntactic = r.syntactic.accuracy
            correct = r.total.correct
            seen = r.total.seen
            questions = r.total.questions
        }
    }

    struct Similarity: Encodable {
        var file: String
        var spearman: Double?
        var pearson: Double?
        var pairs: Int
        var total_pairs: Int
        var oov: Double

        init(_ r: SimilarityResult) {
            file = r.path
            spearman = r.spearman.flatMap(finite)
            pearson = r.pearson.flatMap(finite)
            pairs = r.scored
            total_pairs = r.total
            oov = r.oovRatio
        }
    }

    /// After each evaluation (`train --eval-analogies/--eval-similarity`).
    struct Evaluation: Encodable {
        let event = "evaluation"
        var epoch: Int
        var epochs: Int
        var analogies: Analogies?
        var similarity: Similarity?
        var metric: String
        var value: Double?
        var improved: Bool
        var best_epoch: Int?
        var best_value: Double?
        var evaluation_seconds: Double
        var total_evaluation_seconds: Double
        var training_seconds: Double

        init(_ s: EpochScores) {
            epoch = s.epoch
            epochs = s.epochs
            analogies = s.analogies.map(Analogies.init)
            similarity = s.similarity.map(Similarity.init)
            metric = s.metric.rawValue
            value = finite(s.value)
            improved = s.improved
            best_epoch = s.bestEpoch
            best_value = finite(s.bestValue)
            evaluation_seconds = s.seconds
            total_evaluation_seconds = s.totalEvaluationSeconds
            training_seconds = s.trainingSeconds
        }
    }

    /// Training ended before its last epoch (`--patience`).
    struct EarlyStop: Encodable {
        let event = "early_stop"
        var epoch: Int
        var epochs: Int
        var metric: String
        var best_epoch: Int?
        var best_value: Double?
    }

    /// The run is over and its vectors are written.
    struct Done: Encodable {
        let event = "done"
        var output: String
        var epochs_trained: Int
        var written_epoch: Int
        var elapsed_seconds: Double
        var training_seconds: Double
        var evaluation_seconds: Double
    }

    /// `experiment`: at the end of each run.
    struct ExperimentRun: Encodable {
        let event = "run"
        var run: Int
        var runs: Int
        var model: String
        var strategy: String
        var seed: UInt64
        var epochs_trained: Int
        var failure: String?
        var elapsed_seconds: Double
    }

    /// `experiment`: one line per run and epoch.
    struct ExperimentEpoch: Encodable {
        let event = "epoch"
        var run: Int
        var runs: Int
        var model: String
        var strategy: String
        var seed: UInt64
        var epoch: Int
        var epochs: Int
        var fraction: Double
        var loss: Double?
        var dev_accuracy: Double?
        var test_accuracy: Double?
        var similarity_spearman: Double?
        var analogy_gamma: Double
        var similarity_gamma: Double
        var words_per_second: Double?
        var training_seconds: Double
        var evaluation_seconds: Double
        var elapsed_seconds: Double
        var eta_seconds: Double
    }
}

/// `--progress json` for `train`: progress, epoch, evaluation lines.
final class JSONProgressPrinter: EpochObserver {
    let sink: JSONLines
    let model: String
    let threads: Int

    init(sink: JSONLines, model: String, threads: Int) {
        self.sink = sink
        self.model = model
        self.threads = threads
    }

    func show(_ p: ProgressSnapshot) {
        sink.emit(ProgressEvent.Progress(
            model: model, epoch: min(p.epoch, p.epochs), epochs: p.epochs, fraction: p.fraction,
            words_per_second: p.wordsPerSecondPerThread * Double(threads), words_per_second_per_thread: p.wordsPerSecondPerThread,
            learning_rate: Double(p.alpha), loss: finite(p.runningLoss), eta_seconds: p.etaSeconds, elapsed_seconds: p.seconds))
    }

    func epochDidEnd(_ summary: EpochSummary, table: EmbeddingTable) throws {
        let elapsed = summary.seconds  // the trainer's clock
        sink.emit(ProgressEvent.Epoch(
            model: model, epoch: summary.epoch, epochs: summary.epochs,
            fraction: Double(summary.epoch) / Double(summary.epochs), loss: finite(summary.loss),
            learning_rate: Double(summary.alpha), elapsed_seconds: elapsed,
            eta_seconds: elapsed / Double(summary.epoch) * Double(summary.epochs - summary.epoch)))
    }
}

/// `--progress json` for `experiment`: one line per run and epoch, one per finished run.
final class ExperimentJSONProgress {
    let sink: JSONLines
    /// Training tokens per epoch (for words/s; GloVe's epochs go over co-occurrence records instead).
    let tokens: Int
    let clock = WallClock()

    init(sink: JSONLines, tokens: Int) {
        self.sink = sink
        self.tokens = tokens
    }

    func emit(_ p: ExperimentProgress) {
        let elapsed = clock.seconds
        guard let e = p.record else {
            sink.emit(ProgressEvent.ExperimentRun(run: p.run, runs: p.runs, model: p.model.rawValue, strategy: p.strategy.rawValue,
                                                  seed: p.seed, epochs_trained: p.epochsDone, failure: p.failure,
                                                  elapsed_seconds: elapsed))
            return
        }
        let fraction = Double((p.run - 1) * p.epochs + e.epoch) / Double(p.runs * p.epochs)
        sink.emit(ProgressEvent.ExperimentEpoch(
            run: p.run, runs: p.runs, model: p.model.rawValue, strategy: p.strategy.rawValue, seed: p.seed,
            epoch: e.epoch, epochs: p.epochs, fraction: fraction, loss: finite(e.primaryLoss),
            dev_accuracy: finite(e.dev.total / 100), test_accuracy: finite(e.test.total / 100),
            similarity_spearman: finite(e.similaritySpearman / 100), analogy_gamma: e.analogyGamma,
            similarity_gamma: e.similarityGamma,
            words_per_second: p.model == .glove || e.trainingSeconds <= 0 ? nil : Double(tokens * e.epoch) / e.trainingSeconds,
            training_seconds: e.trainingSeconds, evaluation_seconds: e.evaluationSeconds, elapsed_seconds: elapsed,
            eta_seconds: fraction > 0 ? elapsed / fraction * (1 - fraction) : 0))
    }
}
