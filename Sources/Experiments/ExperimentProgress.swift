import Embeddings

/// Structured progress of an experiment grid, for machine-readable reporting: one value after each
/// epoch of each run (`record` set) and one when a run ends (`record` nil, `failure` if it failed).
public struct ExperimentProgress: Sendable {
    /// 1-based index of the run in the grid, and the grid's size.
    public var run: Int
    public var runs: Int
    public var model: ModelKind
    public var strategy: ScheduleKind
    public var seed: UInt64
    /// Epochs each run trains (at most; early stopping may end a run sooner).
    public var epochs: Int
    public var record: EpochRecord?
    public var failure: String?
    /// Epochs the run finished (at its end).
    public var epochsDone: Int
}
