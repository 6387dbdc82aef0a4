import Corpus

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

/// Plugs `AuxiliaryTraining` into GloVe's workers: every `everyRecords` co-occurrence records each
/// worker runs one auxiliary round on its own thread, with GloVe's learning rate as the primary
/// rate (AdaGrad's initial rate; the auxiliary steps are plain SGD, γₖ(t) times that rate).
///
/// `everyRecords` is the trainer's `everyTokens` scaled by records per corpus token, so a GloVe
/// epoch gets as many auxiliary rounds as a word2vec epoch on the same corpus.
public final class AuxiliaryGloVeTask: GloVeWorkerTask {
    public let training: AuxiliaryTraining
    public let everyRecords: Int

    public init(training: AuxiliaryTraining, records: Int, corpusTokens: Int) {
        self.training = training
        let scaled = Double(training.options.everyTokens) * Double(records) / Double(max(corpusTokens, 1))
        everyRecords = max(1, Int(scaled.rounded()))
    }

    public func run(thread: Int, time t: Double, learningRate: Float, rng: inout Xoshiro256) {
        guard training.isActive(at: t) else { return }
        training.run(thread: thread, time: t, primaryAlpha: learningRate, rng: &rng)
    }
}
