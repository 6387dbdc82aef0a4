/// Analogy accuracy in percent, overall and by Google's semantic / syntactic sections.
public struct AnalogyScores: Equatable, Sendable {
    public var total: Double, semantic: Double, syntactic: Double
    public init(total: Double, semantic: Double, syntactic: Double) {
        self.total = total
        self.semantic = semantic
        self.syntactic = syntactic
    }
    public static let missing = AnalogyScores(total: .nan, semantic: .nan, syntactic: .nan)
}

/// Everything measured at the end of one epoch of one run. Costs are cumulative since the start
/// of the run; losses and weights are the epoch's own (NaN where a task did not run).
public struct EpochRecord: Equatable, Sendable {
    public var epoch: Int
    public var primaryLoss: Double
    public var analogyLoss: Double = .nan
    public var similarityLoss: Double = .nan
    /// γ of each auxiliary task in the middle of the epoch (t = epoch − ½).
    public var analogyGamma: Double = 0
    public var similarityGamma: Double = 0
    public var dev = AnalogyScores.missing
    public var test = AnalogyScores.missing
    /// Spearman ρ (× 100) of cosine vs human score on the similarity test pairs.
    public var similaritySpearman: Double = .nan
    /// Spearman ρ (× 100) on the extra similarity file of knowledge mode (e.g. SimLex-999).
    public var extraSimilaritySpearman: Double = .nan
    public var primaryFlops: Double = 0
    public var analogyFlops: Double = 0
    public var similarityFlops: Double = 0
    public var primarySeconds: Double = 0
    public var auxiliarySeconds: Double = 0
    public var evaluationSeconds: Double = 0

    public init(epoch: Int, primaryLoss: Double) {
        self.epoch = epoch
        self.primaryLoss = primaryLoss
    }

    public var totalFlops: Double { primaryFlops + analogyFlops + similarityFlops }
    /// Training time (evaluation excluded).
    public var trainingSeconds: Double { primarySeconds + auxiliarySeconds }
}

/// One training run of the experiment grid: a model, a strategy, a seed and its epochs. A run that
/// failed keeps the epochs it finished and the error.
public struct RunRecord: Sendable {
    public var model: String
    public var strategy: String
    public var seed: UInt64
    public var epochs: [EpochRecord]
    public var failure: String?

    public init(model: String, strategy: String, seed: UInt64, epochs: [EpochRecord] = [], failure: String? = nil) {
        self.model = model
        self.strategy = strategy
        self.seed = seed
        self.epochs = epochs
        self.failure = failure
    }

    /// The convergence epoch on dev accuracy (see `Convergence.epoch`), nil without dev scores.
    public func convergenceEpoch(tolerance: Double) -> Int? {
        let dev = epochs.map(\.dev.total)
        guard !dev.isEmpty, dev.allSatisfy({ $0.isFinite }) else { return nil }
        return Convergence.epoch(devAccuracy: dev, tolerance: tolerance)
    }

    /// The record of the convergence epoch.
    public func atConvergence(tolerance: Double) -> EpochRecord? {
        convergenceEpoch(tolerance: tolerance).map { epochs[$0 - 1] }
    }
}
