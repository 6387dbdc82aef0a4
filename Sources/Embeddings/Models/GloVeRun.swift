import Corpus
import EmbedBase

/// A GloVe run on the co-occurrence records of its setup (counted and shuffled once, shared by
/// the GloVe runs of an experiment); the evaluated vector is W + W~ (or W with `output == .word`).
public final class GloVeRun: ModelRun {
    public let trainer: GloVeTrainer
    public let records: ShuffledRecords
    public let vectors: EvaluatedVectors
    let vocabulary: Vocabulary
    let setup: ModelSetup

    init(setup: ModelSetup, options: GloVeOptions) throws {
        records = try setup.gloveRecords()
        trainer = try GloVeTrainer(vocabularySize: setup.vocabulary.size, options: options)
        trainer.corpusTokens = setup.corpusTokens
        vocabulary = setup.vocabulary
        self.setup = setup
        vectors = EvaluatedVectors(table: trainer.table.handle, words: setup.vocabulary.size,
                                   composition: options.output == .sum ? .inputPlusOutput : .inputRow)
    }

    public var hooks: any TrainingHooks { trainer }
    public var unit: String { "records" }

    public func primaryFlops(_ epoch: EpochSummary) -> Double {
        PrimaryFlops.glove(records: epoch.predictions, dim: trainer.options.dim)
    }

    private var trainingSeconds = 0.0

    public func train() throws -> TrainingSummary {
        let summary = try trainer.train(records)
        trainingSeconds = summary.seconds
        return summary
    }

    public var report: [String] {
        ["glove: counting \(Format.seconds(setup.gloveTimes.counting)), shuffle \(Format.seconds(setup.gloveTimes.shuffling)), "
            + "training \(Format.seconds(trainingSeconds))"]
    }

    /// W's rows (the output rows W~ stay as initialised: a word2vec file has no context vectors).
    public func warmStart(_ start: WarmStart) throws -> WarmStart.Report {
        try start.apply(to: trainer.table, vocabulary: vocabulary, subwords: nil, outputs: false)
    }

    public func writeVectors(to path: String, binary: Bool) throws {
        try Word2VecWriter.write(vectors: vectors, vocabulary: vocabulary, to: path, binary: binary)
    }
}

/// GloVe (Pennington et al. 2014): co-occurrence counting within a memory budget, shuffling, and
/// weighted least squares with AdaGrad, as the reference's four programs.
public enum GloVeDefinition: ModelDefinition {
    public static let name = "glove"
    public static let label = "GloVe"
    public static let summary = "GloVe: co-occurrence counting within --memory, shuffling, weighted least squares with AdaGrad (the reference's four programs)."
    public static let family = ModelFamily.glove
    public static let lossName = "cost"
    public static let inDefaultExperiment = true

    public static func validate(_ options: ModelOptions) throws { try options.glove.validate() }
    public static func epochs(_ options: ModelOptions) -> Int { options.glove.epochs }

    public static func memoryEstimate(_ setup: ModelSetup) -> Int {
        GloVeTrainer.memoryEstimate(vocabularySize: setup.vocabulary.size, dim: setup.glove.dim)
    }

    public static func describe(_ setup: ModelSetup) -> String {
        let o = setup.glove
        return "glove dim \(o.dim) window \(o.window) epochs \(o.epochs) alpha \(o.learningRate) x-max \(o.xMax) "
            + "glove-alpha \(o.alpha) threads \(o.threads) memory \(Format.mebibytes(o.memoryBytes))"
    }

    public static func makeRun(_ setup: ModelSetup, seed: UInt64) throws -> any ModelRun {
        var options = setup.glove
        options.seed = seed
        return try GloVeRun(setup: setup, options: options)
    }
}
