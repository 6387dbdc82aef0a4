import Corpus
import Foundation
import Embeddings
import Evaluation

/// The grid of an experiment and everything shared by its runs.
public struct ExperimentConfig {
    /// Models to train (`skipgram`, `cbow`).
    public var models: [Word2VecArchitecture] = [.skipGram, .cbow]
    public var strategies: [ScheduleKind] = ScheduleKind.allCases
    /// Seeds 1...seeds (the seed of initialisation, sampling and auxiliary draws; the split keeps
    /// its own seed so every run sees the same split).
    public var seeds = 1
    /// The primary trainer's settings (epochs, dim, threads...); the seed and architecture are set per run.
    public var word2vec = Word2VecConfig()
    /// The schedule parameters; the kind is set per strategy.
    public var schedule = ScheduleParameters()
    public var auxiliary = AuxiliaryTraining.Options()
    /// Candidate words of the analogy evaluation and of the negatives (the most frequent).
    public var restrictVocab = 30_000
    /// Convergence tolerance (accuracy points) and optional early-stopping patience (epochs).
    public var tolerance = 0.5
    public var patience: Int?

    public init() {}

    public func validate() throws {
        try word2vec.validate()
        for kind in strategies {
            var p = schedule
            p.kind = kind
            try p.validate(epochs: word2vec.epochs)
        }
        try auxiliary.validate()
        if seeds < 1 { throw MT2STError.invalidSchedule("--seeds must be at least 1 (got \(seeds))") }
        if restrictVocab < 1 { throw MT2STError.invalidSchedule("--restrict-vocab must be at least 1 (got \(restrictVocab))") }
        if let patience, patience < 1 { throw MT2STError.invalidSchedule("--patience must be at least 1 epoch (got \(patience))") }
        if !(tolerance >= 0) { throw MT2STError.invalidSchedule("--tolerance must be 0 or positive (got \(tolerance))") }
    }
}

/// Trains every (model, strategy, seed) of the grid on one corpus and records each epoch. A run
/// that fails (diverges, ...) is recorded with its error and the others continue.
public final class ExperimentRunner {
    public let config: ExperimentConfig
    public let vocabulary: Vocabulary
    public let corpus: EncodedCorpus
    public let data: ExperimentData
    let analogyExamples: [AnalogyExample]
    let similarityExamples: [SimilarityExample]
    public let skipped: (analogies: Int, similarities: Int)
    let words: [[UInt8]]

    /// Maps the auxiliary training splits to the vocabulary (errors: all out of vocabulary).
    public init(config: ExperimentConfig, vocabulary: Vocabulary, corpus: EncodedCorpus, data: ExperimentData) throws {
        try config.validate()
        guard vocabulary.size >= 2 else { throw TrainingError.vocabularyTooSmall(words: vocabulary.size) }
        self.config = config
        self.vocabulary = vocabulary
        self.corpus = corpus
        self.data = data
        let a = try AuxiliaryData.analogyExamples(data.analogySplit.train, vocabulary: vocabulary, path: data.analogyPath)
        let s = try AuxiliaryData.similarityExamples(data.similaritySplit.train, scoreRange: data.similarityRange,
                                                     vocabulary: vocabulary, path: data.similarityPath)
        analogyExamples = a.examples
        similarityExamples = s.examples
        skipped = (a.skipped, s.skipped)
        words = (0..<vocabulary.size).map { vocabulary.bytes($0) }
    }

    public var auxiliaryExampleCounts: (analogies: Int, similarities: Int) { (analogyExamples.count, similarityExamples.count) }

    public static func modelName(_ a: Word2VecArchitecture) -> String { a.rawValue }

    /// Runs the grid in order (model, then strategy, then seed); `progress` gets one line per
    /// epoch and per run end.
    public func runAll(progress: @escaping (String) -> Void) -> [RunRecord] {
        var runs: [RunRecord] = []
        let total = config.models.count * config.strategies.count * config.seeds
        for model in config.models {
            for strategy in config.strategies {
                for seed in 1...UInt64(config.seeds) {
                    let label = "[\(runs.count + 1)/\(total)] \(model.rawValue) \(strategy.rawValue) seed \(seed)"
                    let run = self.run(model: model, strategy: strategy, seed: seed) { e in
                        progress("\(label) epoch \(e.epoch): loss \(fmt(e.primaryLoss, 4)), dev \(fmt(e.dev.total)) %, "
                                 + "test \(fmt(e.test.total)) %, sim ρ \(fmt(e.similaritySpearman)), γ \(fmt(e.analogyGamma, 3)), "
                                 + "train \(fmt(e.trainingSeconds)) s, eval \(fmt(e.evaluationSeconds)) s")
                    }
                    if let failure = run.failure { progress("\(label) FAILED: \(failure)") }
                    runs.append(run)
                }
            }
        }
        return runs
    }

    /// One run; never throws (a failure is recorded in the result).
    public func run(model: Word2VecArchitecture, strategy: ScheduleKind, seed: UInt64,
                    onEpoch: @escaping (EpochRecord) -> Void = { _ in }) -> RunRecord {
        var record = RunRecord(model: model.rawValue, strategy: strategy.rawValue, seed: seed)
        var w2v = config.word2vec
        w2v.architecture = model
        w2v.seed = seed
        var parameters = config.schedule
        parameters.kind = strategy
        var evaluator: EpochEvaluator?
        do {
            let trainer = try Word2VecTrainer(config: w2v, vocabulary: vocabulary, corpus: corpus)
            var auxiliary: AuxiliaryTraining?
            if strategy != .stl {
                let candidates = min(config.restrictVocab, vocabulary.size)
                let training = AuxiliaryTraining(
                    table: trainer.table.handle, analogies: analogyExamples, similarities: similarityExamples,
                    analogySchedule: parameters.makeSchedule(), similaritySchedule: parameters.makeSchedule(),
                    noise: NoiseDistribution(counts: [Int64](repeating: 1, count: candidates)), threads: w2v.threads,
                    options: config.auxiliary)
                trainer.interleaved = AuxiliaryWorkerTask(training: training, tokensPerEpoch: corpus.tokenCount, threads: w2v.threads)
                auxiliary = training
            }
            let negatives = w2v.negatives, dim = w2v.dim, window = w2v.window
            let flops: (EpochSummary) -> Double = model == .cbow
                ? { PrimaryFlops.cbow(predictions: $0.predictions, dim: dim, negatives: negatives, window: window) }
                : { PrimaryFlops.skipGram(predictions: $0.predictions, dim: dim, negatives: negatives) }
            let e = try EpochEvaluator(data: data, table: trainer.table, words: words, restrictVocab: config.restrictVocab,
                                       auxiliary: auxiliary, signal: parameters.signal, threads: w2v.threads,
                                       patience: config.patience, primaryFlops: flops, report: onEpoch)
            evaluator = e
            trainer.observers = [e]
            e.start()
            _ = try trainer.train()
        } catch is EarlyStop {
        } catch {
            record.failure = "\(error)"
        }
        record.epochs = evaluator?.records ?? []
        return record
    }
}

func fmt(_ x: Double, _ decimals: Int = 1) -> String {
    x.isFinite ? String(format: "%.\(decimals)f", x) : "–"
}
