import Corpus

/// One auxiliary task of MT2ST: an objective together with its training examples. This is the
/// one type to write for a new kind of knowledge (analogies, similarity scores, synonym/antonym
/// constraints...); `AuxiliaryTraining` schedules any list of them the same way.
///
/// `trainStep` draws one example with `rng`, takes one step of size `learningRate` on the shared
/// (evaluated) vectors without locks, adds its FLOPs to `scratch.flops` and returns the loss
/// before the step. It runs on worker threads, concurrently with the primary updates and with
/// itself on other threads, so it must allocate nothing and keep no mutable state of its own: all
/// per-thread memory is the `scratch` (at least `scratchRows` rows).
public protocol AuxiliaryObjective: AnyObject {
    /// The task's name in reports and records (`analogy`, `similarity`, ...).
    var name: String { get }
    /// Training examples (0: the task never runs).
    var exampleCount: Int { get }
    /// Scratch rows of `stride` floats one thread needs for a step.
    var scratchRows: Int { get }
    func trainStep(learningRate: Float, rng: inout Xoshiro256, scratch: AuxiliaryScratch) -> Float
}

/// Fixed training examples in raw memory (read by every worker thread, never written while training).
public final class AuxiliaryExamples<Example> {
    public let count: Int
    @usableFromInline let storage: UnsafeMutableBufferPointer<Example>

    public init(_ examples: [Example]) {
        count = examples.count
        storage = .allocate(capacity: max(examples.count, 1))
        _ = storage.initialize(from: examples)
    }

    deinit {
        storage.baseAddress!.deinitialize(count: count)
        storage.deallocate()
    }

    /// An example drawn uniformly (count > 0).
    @inlinable @inline(__always)
    public func draw(_ rng: inout Xoshiro256) -> Example { storage.baseAddress![rng.below(count)] }
}

/// The analogy objective (`AnalogyObjective`) on a set of questions.
public final class AnalogyTask: AuxiliaryObjective {
    public let objective: AnalogyObjective
    public let examples: AuxiliaryExamples<AnalogyExample>

    public init(objective: AnalogyObjective, examples: [AnalogyExample]) {
        self.objective = objective
        self.examples = AuxiliaryExamples(examples)
    }

    public var name: String { "analogy" }
    public var exampleCount: Int { examples.count }
    public var scratchRows: Int { AnalogyObjective.scratchRows(negatives: objective.negatives) }

    public func trainStep(learningRate: Float, rng: inout Xoshiro256, scratch: AuxiliaryScratch) -> Float {
        objective.step(examples.draw(&rng), learningRate: learningRate, rng: &rng, scratch: scratch)
    }
}

/// The similarity objective (`SimilarityObjective`) on a set of scored pairs.
public final class SimilarityTask: AuxiliaryObjective {
    public let objective: SimilarityObjective
    public let examples: AuxiliaryExamples<SimilarityExample>

    public init(objective: SimilarityObjective, examples: [SimilarityExample]) {
        self.objective = objective
        self.examples = AuxiliaryExamples(examples)
    }

    public var name: String { "similarity" }
    public var exampleCount: Int { examples.count }
    public var scratchRows: Int { SimilarityObjective.scratchRows }

    public func trainStep(learningRate: Float, rng: inout Xoshiro256, scratch: AuxiliaryScratch) -> Float {
        objective.step(examples.draw(&rng), learningRate: learningRate, scratch: scratch)
    }
}
