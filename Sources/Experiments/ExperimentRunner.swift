import Corpus
import EmbedBase
import Foundation
import Embeddings
import Evaluation

/// The grid of an experiment and everything shared by its runs.
public struct ExperimentConfig {
    /// Models to train.
    public var models: [ModelKind] = ModelKind.experimentDefaults
    public var strategies: [ScheduleKind] = ScheduleKind.experimentDefaults
    /// Seeds 1...seeds (the seed of initialisation, sampling and auxiliary draws; the split keeps
    /// its own seed so every run sees the same split).
    public var seeds = 1
    /// The primary trainer's settings (epochs, dim, threads...); the seed and architecture are set per run.
    public var word2vec = Word2VecConfig()
    /// FastText's character n-grams.
    public var subwords = SubwordOptions()
    /// GloVe's settings; its dim, epochs, threads and seed are taken from `word2vec` per run.
    public var glove = GloVeOptions()
    /// The schedule parameters; the kind is set per strategy.
    public var schedule = ScheduleParameters()
    public var auxiliary = AuxiliaryTraining.Options()
    /// Candidate words of the analogy evaluation and of the negatives (the most frequent).
    public var restrictVocab = 30_000
    /// Convergence tolerance (accuracy points) and optional early-stopping patience (epochs).
    public var tolerance = 0.5
    public var patience: Int?
    /// Knowledge mode: the strategies train on these files (not on a benchmark split), STL runs
    /// also give an STL + retrofit row, and the data has no dev split (`ExperimentData.whole`).
    public var knowledge: KnowledgeFiles?

    public init() {}

    /// GloVe's options of a run: `glove` with the shared dim, epochs, threads and `seed`.
    public func gloveOptions(seed: UInt64) -> GloVeOptions {
        var o = glove
        o.dim = word2vec.dim
        o.epochs = word2vec.epochs
        o.threads = word2vec.threads
        o.seed = seed
        return o
    }

    public func validate() throws {
        try word2vec.validate()
        if models.contains(where: { $0.definition.usesSubwords }) {
            do { try subwords.validate() } catch let e as CorpusError { throw TrainingError.invalidOption(e.description) }
        }
        if models.contains(where: { $0.definition.family == .glove }) { try gloveOptions(seed: 1).validate() }
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
        if knowledge != nil {
            if patience != nil { throw MT2STError.invalidSchedule("--patience needs a dev split: knowledge mode has none") }
            if strategies.contains(.adaptive) && schedule.signal == .devAccuracy {
                throw MT2STError.invalidSchedule("adaptive with --knowledge watches the primary loss (no dev split): use --adaptive-signal primary-loss")
            }
            if let k = knowledge, k.retrofitIterations < 1 {
                throw MT2STError.invalidSchedule("retrofitting needs at least 1 iteration (got \(k.retrofitIterations))")
            }
        }
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
    /// Knowledge mode's data (nil in the paper's mode).
    public let knowledge: PreparedKnowledge?

    /// Maps the auxiliary training splits to the vocabulary (errors: all out of vocabulary).
    public init(config: ExperimentConfig, vocabulary: Vocabulary, corpus: EncodedCorpus, data: ExperimentData) throws {
        try config.validate()
        guard vocabulary.size >= 2 else { throw TrainingError.vocabularyTooSmall(words: vocabulary.size) }
        self.config = config
        self.vocabulary = vocabulary
        self.corpus = corpus
        self.data = data
        if let files = config.knowledge {
            knowledge = try PreparedKnowledge.load(files, evaluationFiles: data.evaluationFiles, vocabulary: vocabulary)
            analogyExamples = []
            similarityExamples = []
            skipped = (0, 0)
        } else {
            knowledge = nil
            let a = try AuxiliaryData.analogyExamples(data.analogySplit.train, vocabulary: vocabulary, path: data.analogyPath)
            let s = try AuxiliaryData.similarityExamples(data.similaritySplit.train, scoreRange: data.similarityRange,
                                                         vocabulary: vocabulary, path: data.similarityPath)
            analogyExamples = a.examples
            similarityExamples = s.examples
            skipped = (a.skipped, s.skipped)
        }
        words = (0..<vocabulary.size).map { vocabulary.bytes($0) }
        setup = ModelSetup(vocabulary: vocabulary, corpus: corpus,
                           options: ModelOptions(word2vec: config.word2vec, subwords: config.subwords,
                                                 glove: config.gloveOptions(seed: config.glove.seed)))
        setup.gloveShuffleSeed = config.glove.seed
    }

    public var auxiliaryExampleCounts: (analogies: Int, similarities: Int) { (analogyExamples.count, similarityExamples.count) }

    /// What every run is built from (FastText's rows and GloVe's records are made once there and
    /// shared by the runs), the same construction path as `train`'s.
    public let setup: ModelSetup
    /// Receives the GloVe preparation's log lines.
    public var log: (String) -> Void {
        get { setup.log }
        set { setup.log = newValue }
    }

    /// Bytes one run of each model allocates (GloVe: its model; counting and shuffling, once,
    /// stay within `config.glove.memoryBytes`), for the estimate printed before training.
    public func memoryEstimates() -> [(model: ModelKind, bytes: Int)] {
        config.models.map { ($0, $0.definition.memoryEstimate(setup)) }
    }

    func makeRun(model: ModelKind, seed: UInt64) throws -> any ModelRun {
        try model.definition.validate(setup.options)
        return try model.definition.makeRun(setup, seed: seed)
    }

    /// Runs the grid in order (model, then strategy, then seed); `progress` gets one line per
    /// epoch and per run end.
    public func runAll(progress: @escaping (String) -> Void,
                       structured: @escaping (ExperimentProgress) -> Void = { _ in }) -> [RunRecord] {
        var runs: [RunRecord] = []
        var trained = 0  // runs trained so far (`runs` also holds the STL + retrofit records)
        let total = config.models.count * config.strategies.count * config.seeds
        for model in config.models {
            for strategy in config.strategies {
                for seed in 1...UInt64(config.seeds) {
                    trained += 1
                    let label = "[\(trained)/\(total)] \(model.rawValue) \(strategy.rawValue) seed \(seed)"
                    let at = ExperimentProgress(run: trained, runs: total, model: model, strategy: strategy, seed: seed,
                                                epochs: config.word2vec.epochs, epochsDone: 0)
                    let records = self.runRecords(model: model, strategy: strategy, seed: seed) { e in
                        var epoch = at
                        epoch.record = e
                        structured(epoch)
                        progress("\(label) epoch \(e.epoch): loss \(Format.fixed(e.primaryLoss, 4)), dev \(Format.fixed(e.dev.total)) %, "
                                 + "test \(Format.fixed(e.test.total)) %, sim ρ \(Format.fixed(e.similaritySpearman)), "
                                 + (e.extraSimilaritySpearman.isFinite ? "sim 2 ρ \(Format.fixed(e.extraSimilaritySpearman)), " : "") + "γ \(Format.fixed(e.analogyGamma, 3)), "
                                 + "train \(Format.fixed(e.trainingSeconds)) s, eval \(Format.fixed(e.evaluationSeconds)) s")
                    }
                    let run = records[0]
                    if let failure = run.failure { progress("\(label) FAILED: \(failure)") }
                    var end = at
                    end.failure = run.failure
                    end.epochsDone = run.epochs.count
                    structured(end)
                    for retrofit in records.dropFirst() {
                        if let e = retrofit.epochs.last {
                            progress("\(label) + retrofit, epoch \(e.epoch): test \(Format.fixed(e.test.total)) %, sim ρ \(Format.fixed(e.similaritySpearman)), "
                                     + "sim 2 ρ \(Format.fixed(e.extraSimilaritySpearman))")
                        }
                    }
                    runs += records
                }
            }
        }
        return runs
    }

    /// One run; never throws (a failure is recorded in the result).
    public func run(model: ModelKind, strategy: ScheduleKind, seed: UInt64,
                    onEpoch: @escaping (EpochRecord) -> Void = { _ in }) -> RunRecord {
        runRecords(model: model, strategy: strategy, seed: seed, onEpoch: onEpoch)[0]
    }

    /// One run's record, followed in knowledge mode for STL by its STL + retrofit record.
    public func runRecords(model: ModelKind, strategy: ScheduleKind, seed: UInt64,
                           onEpoch: @escaping (EpochRecord) -> Void = { _ in }) -> [RunRecord] {
        var record = RunRecord(model: model.rawValue, strategy: strategy.rawValue, seed: seed)
        var parameters = config.schedule
        parameters.kind = strategy
        let threads = config.word2vec.threads
        var evaluator: EpochEvaluator?
        do {
            let run = try makeRun(model: model, seed: seed)
            var auxiliary: AuxiliaryTraining?
            if strategy != .stl, let knowledge {
                let noise = NoiseDistribution(counts: [Int64](repeating: 1, count: min(config.restrictVocab, vocabulary.size)))
                let training = AuxiliaryTraining(tasks: knowledge.data.tasks(parameters, vectors: run.vectors, noise: noise, options: config.auxiliary),
                                                 stride: run.vectors.stride, threads: threads, options: config.auxiliary)
                run.attach(auxiliary: training)
                auxiliary = training
            } else if strategy != .stl {
                let candidates = min(config.restrictVocab, vocabulary.size)
                let training = AuxiliaryTraining(
                    vectors: run.vectors, analogies: analogyExamples, similarities: similarityExamples,
                    analogySchedule: parameters.makeSchedule(), similaritySchedule: parameters.makeSchedule(),
                    noise: NoiseDistribution(counts: [Int64](repeating: 1, count: candidates)), threads: threads,
                    options: config.auxiliary)
                run.attach(auxiliary: training)
                auxiliary = training
            }
            let e = try EpochEvaluator(data: data, vectors: run.vectors, words: words, restrictVocab: config.restrictVocab,
                                       auxiliary: auxiliary, signal: parameters.signal, threads: threads,
                                       patience: config.patience,
                                       // weak: run -> trainer -> observers -> evaluator must not lead back to run
                                       primaryFlops: { [weak run] in run?.primaryFlops($0) ?? .nan }, report: onEpoch)
            if let knowledge {
                e.columns = KnowledgeData.taskColumns
                if strategy == .stl && !knowledge.lexicon.isEmpty {
                    e.retrofit = RetrofitEvaluation(lexicon: knowledge.lexicon, iterations: knowledge.files.retrofitIterations)
                }
            }
            evaluator = e
            run.attach(observer: e)
            e.start()
            _ = try run.train()
        } catch is EarlyStop {
        } catch {
            record.failure = "\(error)"
        }
        record.epochs = evaluator?.records ?? []
        guard let knowledge, !knowledge.lexicon.isEmpty, strategy == .stl else { return [record] }
        var retrofit = RunRecord(model: model.rawValue, strategy: PreparedKnowledge.retrofitStrategy, seed: seed)
        retrofit.epochs = evaluator?.retrofitRecords ?? []
        retrofit.failure = record.failure
        return [record, retrofit]
    }
}
