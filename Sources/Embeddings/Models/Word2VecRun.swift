import CBLAS
import Corpus

/// A run of a word2vec-family model (Skip-Gram, CBOW, FastText, Structured Skip-Gram) on the
/// word2vec trainer: the definition supplies the model to train and its FLOPs; everything else
/// (hooks, progress, writing) is the same for all of them.
public final class Word2VecRun: ModelRun {
    public let trainer: Word2VecTrainer
    public let vectors: EvaluatedVectors
    let trainModel: (Word2VecTrainer) throws -> TrainingSummary
    let flops: (EpochSummary) -> Double
    let modelFile: ((String, ModelFileFormat, Int, Int64) throws -> String)?
    /// FastText's n-gram rows (what a warm start from a `.bin` can also set).
    public let subwords: SubwordRowTable?

    /// `train` runs the trainer with the model (`trainer.run(SomeModel(...))`); `flops` gives an
    /// epoch's primary FLOPs; `modelFile` writes the model file, if the model has one.
    public init(trainer: Word2VecTrainer, vectors: EvaluatedVectors,
                train: @escaping (Word2VecTrainer) throws -> TrainingSummary,
                flops: @escaping (EpochSummary) -> Double,
                modelFile: ((String, ModelFileFormat, Int, Int64) throws -> String)? = nil,
                subwords: SubwordRowTable? = nil) {
        self.trainer = trainer
        self.vectors = vectors
        trainModel = train
        self.flops = flops
        self.modelFile = modelFile
        self.subwords = subwords
    }

    public var hooks: any TrainingHooks { trainer }
    public func primaryFlops(_ epoch: EpochSummary) -> Double { flops(epoch) }

    public func reportProgress(every seconds: Double, _ report: @escaping (ProgressSnapshot) -> Void) {
        trainer.progressInterval = seconds
        trainer.onProgress = report
    }

    public func train() throws -> TrainingSummary { try trainModel(trainer) }

    public func writeVectors(to path: String, binary: Bool) throws {
        try Word2VecWriter.write(vectors: vectors, vocabulary: trainer.vocabulary, to: path, binary: binary)
    }

    public func saveModel(to path: String, format: ModelFileFormat, minCount: Int, corpusTokens: Int64) throws -> String {
        guard let modelFile else { throw TrainingError.invalidOption("this model has no model file (--save-model)") }
        return try modelFile(path, format, minCount, corpusTokens)
    }

    public func warmStart(_ start: WarmStart) throws -> WarmStart.Report {
        try start.apply(to: trainer.table, vocabulary: trainer.vocabulary, subwords: subwords, outputs: true)
    }
}

/// Skip-Gram with negative sampling (word2vec's `-cbow 0`); kernels batch (HogBatch), plain, blas.
public enum SkipGramDefinition: ModelDefinition {
    public static let name = "skipgram"
    public static let label = "Skip-Gram"
    public static let summary = "Skip-Gram with negative sampling (word2vec -cbow 0); --kernel batch, plain or blas."
    public static let inDefaultExperiment = true

    public static func memoryEstimate(_ setup: ModelSetup) -> Int {
        Word2VecTrainer.memoryEstimate(config: setup.word2vec, vocabularySize: setup.vocabulary.size)
    }

    public static func describe(_ setup: ModelSetup) -> String { setup.describe(name, .skipGram) }

    /// Trains `trainer` with the Skip-Gram model of its kernel.
    public static func train(_ trainer: Word2VecTrainer) throws -> TrainingSummary {
        let loss = trainer.negativeSamplingLoss()
        let table = trainer.table.handle
        switch trainer.config.kernel {
        case .batch: return try trainer.run(HogBatchSkipGramModel(loss: loss, table: table))
        case .plain: return try trainer.run(SkipGramModel(loss: loss, table: table))
        case .blas:
            openblas_set_num_threads(1) // our workers are the threads
            return try trainer.run(BlasHogBatchSkipGramModel(loss: loss, table: table))
        }
    }

    public static func makeRun(_ setup: ModelSetup, seed: UInt64) throws -> any ModelRun {
        let config = setup.word2vecConfig(.skipGram, seed: seed)
        let trainer = try Word2VecTrainer(config: config, vocabulary: setup.vocabulary, corpus: try setup.requireCorpus())
        return Word2VecRun(trainer: trainer, vectors: EvaluatedVectors(table: trainer.table.handle, words: setup.vocabulary.size),
                           train: train, flops: {
                               PrimaryFlops.skipGram(predictions: $0.predictions, dim: config.dim, negatives: config.negatives)
                           })
    }
}

/// CBOW with negative sampling (word2vec's `-cbow 1`): the context mean (or sum) predicts the word.
public enum CBOWDefinition: ModelDefinition {
    public static let name = "cbow"
    public static let label = "CBOW"
    public static let summary = "CBOW with negative sampling (word2vec -cbow 1): the mean (--cbow-sum: sum) of the context predicts the word."
    public static let inDefaultExperiment = true

    public static func memoryEstimate(_ setup: ModelSetup) -> Int {
        Word2VecTrainer.memoryEstimate(config: setup.word2vec, vocabularySize: setup.vocabulary.size)
    }

    public static func describe(_ setup: ModelSetup) -> String { setup.describe(name, .cbow) }

    public static func train(_ trainer: Word2VecTrainer) throws -> TrainingSummary {
        try trainer.run(CBOWModel(loss: trainer.negativeSamplingLoss(), table: trainer.table.handle, mean: trainer.config.cbowMean))
    }

    public static func makeRun(_ setup: ModelSetup, seed: UInt64) throws -> any ModelRun {
        let config = setup.word2vecConfig(.cbow, seed: seed)
        let trainer = try Word2VecTrainer(config: config, vocabulary: setup.vocabulary, corpus: try setup.requireCorpus())
        return Word2VecRun(trainer: trainer, vectors: EvaluatedVectors(table: trainer.table.handle, words: setup.vocabulary.size),
                           train: train, flops: {
                               PrimaryFlops.cbow(predictions: $0.predictions, dim: config.dim, negatives: config.negatives,
                                                 window: config.window)
                           })
    }
}
