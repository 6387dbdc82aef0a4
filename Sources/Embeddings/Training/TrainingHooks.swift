import Corpus

/// What one epoch did, handed to the `EpochObserver`s.
public struct EpochSummary: Sendable {
    public var epoch: Int
    public var epochs: Int
    /// Mean negative log-likelihood per prediction (positive and negative terms) in this epoch.
    public var loss: Double
    public var predictions: Int
    /// Seconds since training started, at the end of this epoch.
    public var seconds: Double
    /// Learning rate reached at the end of the epoch.
    public var alpha: Float
}

/// Called after every epoch, with the workers stopped (e.g. evaluation, MT2ST schedulers).
/// Throwing stops training with that error. Training itself knows nothing of scoring.
public protocol EpochObserver: AnyObject {
    func epochDidEnd(_ summary: EpochSummary, table: EmbeddingTable) throws
}

/// Extra work interleaved in each worker's stream (the MT2ST auxiliary tasks), the one hook of
/// every trainer: run on the worker's own thread about every `everyTokens` corpus tokens (between
/// sentences; GloVe converts tokens to records at its records-per-token rate), with the training
/// time t in epochs (fractional, computed by the trainer: the word2vec trainer from the run's
/// tokens so far, GloVe from the worker's position in its share of the epoch), the current primary learning rate and the worker's random generator.
/// Absent, it costs nothing in the loop.
public protocol WorkerHook: AnyObject {
    var everyTokens: Int { get }
    func run(thread: Int, time t: Double, learningRate: Float, rng: inout Xoshiro256)
}

/// The result of a run.
public struct TrainingSummary: Sendable {
    public var epochs: [EpochSummary]
    public var seconds: Double
    public var tokens: Int
    public var threads: Int
    /// Seconds each worker thread spent training (empty if the trainer does not say); below
    /// `seconds` by the time it waited for the others at the ends of epochs.
    public var busySeconds: [Double] = []
    public var wordsPerSecond: Double { seconds > 0 ? Double(tokens) / seconds : 0 }
    public var finalLoss: Double { epochs.last?.loss ?? 0 }
    /// Share of the threads' wall time spent waiting for each other at the ends of epochs.
    public var idleShare: Double? {
        guard busySeconds.count > 1, seconds > 0 else { return nil }
        return max(0, 1 - busySeconds.reduce(0, +) / (seconds * Double(busySeconds.count)))
    }
}

