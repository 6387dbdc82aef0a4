/// How a model learns from one example (Skip-Gram, CBOW, their batched variants, FastText,
/// Structured Skip-Gram).
///
/// Examples of one sentence come in position order (centre 0, 1, ...); after the last one the
/// trainer calls `finishSentence`, before the worker's sentence buffer is reused, so a model may
/// keep per-position state across the examples of a sentence (FastText caches composed vectors).
///
/// A model declares its own per-worker memory as its `Scratch` type (made once per worker and
/// run by `makeScratch`, passed `inout` with the worker's state, never shared): the trainer knows
/// nothing of its layout. Models with none conform to `StatelessWord2VecModel`.
public protocol Word2VecModel {
    associatedtype Scratch
    func makeScratch() -> Scratch
    func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState, scratch: inout Scratch)
    /// Called after the last example of each sentence (chunk) a worker trains on.
    func finishSentence(worker: inout WorkerState, scratch: inout Scratch)
    /// True if the model reaches every output row through `worker.hot` (its `OutputLoss` does),
    /// so with several threads each worker may keep its own copies of the hottest rows.
    static var cachesHotRows: Bool { get }
}

extension Word2VecModel {
    /// Off unless a model says it reads output rows through the worker's view.
    @inlinable public static var cachesHotRows: Bool { false }

    @inlinable @inline(__always)
    public func finishSentence(worker: inout WorkerState, scratch: inout Scratch) {}
}

/// The scratch of a model that needs none.
@frozen
public struct NoScratch {
    @inlinable public init() {}
}

/// A model with no per-worker memory of its own beyond `WorkerState`'s standard buffers: it
/// implements `train(_:alpha:worker:)` only.
public protocol StatelessWord2VecModel: Word2VecModel where Scratch == NoScratch {
    func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState)
}

extension StatelessWord2VecModel {
    @inlinable @inline(__always)
    public func makeScratch() -> NoScratch { NoScratch() }

    @inlinable @inline(__always)
    public func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState, scratch: inout NoScratch) {
        train(example, alpha: alpha, worker: &worker)
    }
}
