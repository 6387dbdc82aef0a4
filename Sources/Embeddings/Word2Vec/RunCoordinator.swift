/// A run spread over several processes (e.g. MPI ranks), as the trainer sees it: the learning
/// rate follows the token count of the whole run, and the run can be stopped from outside (a
/// failure elsewhere). Set `Word2VecTrainer.coordinator`; absent, the trainer is a single process.
public protocol RunCoordinator: AnyObject {
    /// Tokens the whole run has done, given this process's count (called by the workers every
    /// `syncEvery` tokens; must be cheap and thread-safe).
    func runTokens(local: Int) -> Int
    /// Tokens of the whole run over all epochs.
    var runTotalTokens: Int { get }
    /// Non-nil stops the workers at their next check; `train()` then throws
    /// `TrainingError.stopped` with this reason.
    var stopReason: String? { get }
}
