import Corpus
import Dispatch

/// The auxiliary tasks of an MT2ST run, interleaved with the primary updates in every worker
/// thread: every `everyTokens` primary corpus tokens a worker calls `run(thread:time:primaryAlpha:
/// rng:)`, which takes `examplesPerRound` steps of each active task on examples drawn uniformly
/// from its training set, with step size = primary learning rate × γₖ(t). The steps update the
/// shared table without locks, like the primary updates.
///
/// Each thread has its own scratch, loss sums, step counts and clock (`AuxiliaryWorker`), so the
/// interleaved work allocates nothing and shares nothing but the table; `epochTotals()` sums them
/// at epoch end (workers stopped), when the schedules are also fed (`observe`).
public final class AuxiliaryTraining {
    public struct Options: Sendable, Equatable {
        /// m: auxiliary examples of each task per round.
        public var examplesPerRound = 50
        /// N: primary corpus tokens between two rounds in a worker.
        public var everyTokens = 10_000
        /// Negatives and softmax temperature of the analogy objective.
        public var negatives = 5
        public var temperature: Float = 0.1
        public init() {}

        public func validate() throws {
            if examplesPerRound < 1 { throw MT2STError.invalidSchedule("--aux-examples must be at least 1 (got \(examplesPerRound))") }
            if everyTokens < 1 { throw MT2STError.invalidSchedule("--aux-every must be at least 1 token (got \(everyTokens))") }
            if negatives < 1 || negatives > 1000 { throw MT2STError.invalidSchedule("--aux-negatives must be in 1...1000 (got \(negatives))") }
            if !(temperature > 0) || !temperature.isFinite { throw MT2STError.invalidSchedule("--aux-temperature must be positive (got \(temperature))") }
        }
    }

    /// Sums of one epoch (or of the run so far, for the step counts and seconds).
    public struct Totals: Sendable, Equatable {
        public var analogyLoss = 0.0, analogySteps = 0, analogyFlops = 0.0
        public var similarityLoss = 0.0, similaritySteps = 0, similarityFlops = 0.0
        /// Wall seconds spent in auxiliary work, summed over threads.
        public var threadSeconds = 0.0
        public init() {}
        public var meanAnalogyLoss: Double { analogySteps > 0 ? analogyLoss / Double(analogySteps) : .nan }
        public var meanSimilarityLoss: Double { similaritySteps > 0 ? similarityLoss / Double(similaritySteps) : .nan }
    }

    public let options: Options
    public let analogy: AnalogyObjective
    public let similarity: SimilarityObjective
    public private(set) var analogySchedule: any AuxiliaryWeightSchedule
    public private(set) var similaritySchedule: any AuxiliaryWeightSchedule
    let analogyExamples: UnsafeMutableBufferPointer<AnalogyExample>
    let similarityExamples: UnsafeMutableBufferPointer<SimilarityExample>
    public let workers: [AuxiliaryWorker]
    /// The knowledge tasks (relation analogies, attract-repel constraints), run after the others in
    /// each round; set before training.
    public var knowledge: KnowledgeTasks?

    /// `vectors`: the evaluated vectors the tasks read and move (their word ids are the examples');
    /// `noise`: the distribution analogy negatives are drawn from (over words).
    public init(vectors: EvaluatedVectors, analogies: [AnalogyExample], similarities: [SimilarityExample],
                analogySchedule: any AuxiliaryWeightSchedule, similaritySchedule: any AuxiliaryWeightSchedule,
                noise: NoiseDistribution, threads: Int, options: Options = Options()) {
        precondition(threads >= 1)
        self.options = options
        analogy = AnalogyObjective(vectors: vectors, negatives: options.negatives, temperature: options.temperature, noise: noise)
        similarity = SimilarityObjective(vectors: vectors)
        self.analogySchedule = analogySchedule
        self.similaritySchedule = similaritySchedule
        analogyExamples = .allocate(capacity: max(analogies.count, 1))
        _ = analogyExamples.initialize(from: analogies)
        similarityExamples = .allocate(capacity: max(similarities.count, 1))
        _ = similarityExamples.initialize(from: similarities)
        analogyCount = analogies.count
        similarityCount = similarities.count
        workers = (0..<threads).map { _ in AuxiliaryWorker(stride: vectors.stride, negatives: options.negatives) }
    }

    public let analogyCount: Int
    public let similarityCount: Int

    deinit {
        analogyExamples.deallocate()
        similarityExamples.deallocate()
    }

    /// Whether any task runs at t (the caller may skip the call otherwise).
    public func isActive(at t: Double) -> Bool {
        (analogyCount > 0 && analogySchedule.isActive(at: t)) || (similarityCount > 0 && similaritySchedule.isActive(at: t))
            || (knowledge?.isActive(at: t) ?? false)
    }

    /// One round on thread `thread` at training time `t` (epochs, fractional).
    public func run(thread: Int, time t: Double, primaryAlpha: Float, rng: inout Xoshiro256) {
        let w = workers[thread]
        let start = DispatchTime.now().uptimeNanoseconds
        var ran = false
        if analogyCount > 0 && analogySchedule.isActive(at: t) {
            let eta = primaryAlpha * Float(analogySchedule.weight(at: t))
            let objective = analogy, scratch = w.scratch, examples = analogyExamples.baseAddress!
            var loss: Double = 0
            let flops = scratch.flops
            for _ in 0..<options.examplesPerRound {
                let e = examples[rng.below(analogyCount)]
                loss += Double(objective.step(e, learningRate: eta, rng: &rng, scratch: scratch))
            }
            w.analogyFlops &+= scratch.flops &- flops
            w.analogyLoss += loss
            w.analogySteps &+= options.examplesPerRound
            ran = true
        }
        if similarityCount > 0 && similaritySchedule.isActive(at: t) {
            let eta = primaryAlpha * Float(similaritySchedule.weight(at: t))
            let objective = similarity, scratch = w.scratch, examples = similarityExamples.baseAddress!
            var loss: Double = 0
            let flops = scratch.flops
            for _ in 0..<options.examplesPerRound {
                let e = examples[rng.below(similarityCount)]
                loss += Double(objective.step(e, learningRate: eta, scratch: scratch))
            }
            w.similarityFlops &+= scratch.flops &- flops
            w.similarityLoss += loss
            w.similaritySteps &+= options.examplesPerRound
            ran = true
        }
        if let knowledge, knowledge.run(thread: thread, time: t, primaryAlpha: primaryAlpha, steps: options.examplesPerRound,
                                        analogy: analogy, scratch: w.scratch, rng: &rng) {
            ran = true
        }
        if ran { w.nanos &+= DispatchTime.now().uptimeNanoseconds &- start }
    }

    /// Sums the threads' counters since the previous call (call with the workers stopped).
    public func epochTotals() -> Totals {
        var t = Totals()
        for w in workers {
            t.analogyLoss += w.analogyLoss; t.analogySteps += w.analogySteps; t.analogyFlops += Double(w.analogyFlops)
            t.similarityLoss += w.similarityLoss; t.similaritySteps += w.similaritySteps
            t.similarityFlops += Double(w.similarityFlops)
            t.threadSeconds += Double(w.nanos) / 1e9
            w.analogyLoss = 0; w.analogySteps = 0; w.similarityLoss = 0; w.similaritySteps = 0; w.nanos = 0
            w.analogyFlops = 0; w.similarityFlops = 0
        }
        return t
    }

    /// Feeds both schedules the epoch's monitored signal (workers stopped).
    public func observe(epoch: Int, signal: Double) {
        analogySchedule.observe(epoch: epoch, signal: signal)
        similaritySchedule.observe(epoch: epoch, signal: signal)
        knowledge?.observe(epoch: epoch, signal: signal)
    }
}

/// One thread's auxiliary state; touched only by its thread while training.
public final class AuxiliaryWorker {
    public let scratch: AuxiliaryScratch
    var analogyLoss = 0.0, analogySteps = 0, analogyFlops = 0
    var similarityLoss = 0.0, similaritySteps = 0, similarityFlops = 0
    var nanos: UInt64 = 0
    // Keeps neighbouring workers' counters on separate cache lines.
    let padding = (0, 0, 0, 0, 0, 0, 0, 0)

    init(stride: Int, negatives: Int) {
        scratch = AuxiliaryScratch(stride: stride, negatives: negatives)
    }
}
