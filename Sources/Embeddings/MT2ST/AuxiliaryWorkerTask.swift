/// Plugs `AuxiliaryTraining` into a trainer's worker loop: every `everyTokens` corpus tokens each
/// worker runs one auxiliary round on its own thread, at training time t = the worker's processed
/// tokens / its share of an epoch (fractional epochs), with the current primary learning rate and
/// the worker's random generator.
public final class AuxiliaryWorkerTask: WorkerTask {
    public let training: AuxiliaryTraining
    public let everyTokens: Int
    let tokensPerWorkerEpoch: Double

    public init(training: AuxiliaryTraining, tokensPerEpoch: Int, threads: Int) {
        self.training = training
        everyTokens = training.options.everyTokens
        tokensPerWorkerEpoch = max(1, Double(tokensPerEpoch) / Double(max(threads, 1)))
    }

    public func run(worker: inout WorkerState, table: TableHandle, alpha: Float) {
        let t = Double(worker.processedTokens) / tokensPerWorkerEpoch
        guard training.isActive(at: t) else { return }
        training.run(thread: worker.index, time: t, primaryAlpha: alpha, rng: &worker.rng)
    }
}
