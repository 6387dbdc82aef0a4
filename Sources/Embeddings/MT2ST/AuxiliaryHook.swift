import Corpus

/// Plugs `AuxiliaryTraining` into any trainer's workers (`WorkerHook`): every
/// `options.everyTokens` primary corpus tokens each worker runs one auxiliary round on its own
/// thread, at the training time t the trainer gives, with the current primary learning rate
/// (GloVe: AdaGrad's initial rate; the auxiliary steps are plain SGD, γₖ(t) times that rate) and
/// the worker's random generator.
public final class AuxiliaryHook: WorkerHook {
    public let training: AuxiliaryTraining

    public init(training: AuxiliaryTraining) { self.training = training }

    public var everyTokens: Int { training.options.everyTokens }

    public func run(thread: Int, time t: Double, learningRate: Float, rng: inout Xoshiro256) {
        guard training.isActive(at: t) else { return }
        training.run(thread: thread, time: t, primaryAlpha: learningRate, rng: &rng)
    }
}
