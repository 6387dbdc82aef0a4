/// How a model learns from one example (Skip-Gram, CBOW, their batched variants, FastText).
///
/// Examples of one sentence come in position order (centre 0, 1, ...); after the last one the
/// trainer calls `finishSentence`, before the worker's sentence buffer is reused, so a model may
/// keep per-position state across the examples of a sentence (FastText caches composed vectors).
public protocol Word2VecModel {
    func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState)
    /// Called after the last example of each sentence (chunk) a worker trains on.
    func finishSentence(worker: inout WorkerState)
    /// Floats of per-worker scratch the model needs beyond the standard buffers (`WorkerState.extra`).
    var scratchFloats: Int { get }
}

extension Word2VecModel {
    @inlinable @inline(__always)
    public func finishSentence(worker: inout WorkerState) {}
    public var scratchFloats: Int { 0 }
}
