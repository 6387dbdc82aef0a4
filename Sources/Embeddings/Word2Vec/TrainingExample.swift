import Corpus

/// One training example of the word2vec models: the word at position `centre` of a (sub-sampled)
/// sentence and its context, the positions `lower..<upper` except `centre` (the dynamic window
/// already drawn). What an example *is*, separate from how a model learns from it.
@frozen
public struct TrainingExample {
    public let sentence: UnsafePointer<Int32>
    public let centre: Int
    public let lower: Int
    public let upper: Int

    @inlinable @inline(__always)
    public init(sentence: UnsafePointer<Int32>, centre: Int, lower: Int, upper: Int) {
        self.sentence = sentence
        self.centre = centre
        self.lower = lower
        self.upper = upper
    }

    @inlinable public var centreWord: Int { Int(sentence[centre]) }
    @inlinable public var contextCount: Int { upper - lower - 1 }

    /// The example for `centre` in a sentence of `length` words with a dynamic window: the
    /// effective half-width is uniform in 1...window (word2vec's `b`).
    @inlinable @inline(__always)
    public static func dynamicWindow(sentence: UnsafePointer<Int32>, length: Int, centre: Int,
                                     window: Int, rng: inout Xoshiro256) -> TrainingExample {
        let b = 1 &+ rng.below(window)
        return TrainingExample(sentence: sentence, centre: centre,
                               lower: max(0, centre &- b), upper: min(length, centre &+ b &+ 1))
    }
}

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

/// Skip-Gram, one context word at a time (word2vec's loop): each context word's input row
/// predicts the centre word through the loss; the row then receives the accumulated gradient.
public struct SkipGramModel<Loss: OutputLoss>: Word2VecModel {
    public let loss: Loss
    public let table: TableHandle

    public init(loss: Loss, table: TableHandle) {
        self.loss = loss
        self.table = table
    }

    @inlinable @inline(__always)
    public func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState) {
        let target = example.centreWord
        let stride = table.stride
        loss.prefetchTarget(example)
        var p = example.lower
        while p < example.upper {
            if p != example.centre {
                let row = table.inputRow(Int(example.sentence[p]))
                VectorKernels.zero(worker.gradient, stride)
                loss.update(input: row, target: target, alpha: alpha, gradient: worker.gradient, worker: &worker)
                VectorKernels.axpy(1, worker.gradient, row, stride)
            }
            p &+= 1
        }
    }
}

/// CBOW: the mean (or sum) of the context rows predicts the centre word; every context row then
/// receives the hidden layer's gradient (as in word2vec, not divided by the context size).
public struct CBOWModel<Loss: OutputLoss>: Word2VecModel {
    public let loss: Loss
    public let table: TableHandle
    public let mean: Bool

    public init(loss: Loss, table: TableHandle, mean: Bool) {
        self.loss = loss
        self.table = table
        self.mean = mean
    }

    @inlinable @inline(__always)
    public func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState) {
        let count = example.contextCount
        guard count > 0 else { return }
        let stride = table.stride
        let hidden = worker.hidden
        loss.prefetchTarget(example)
        VectorKernels.zero(hidden, stride)
        var p = example.lower
        while p < example.upper {
            if p != example.centre { VectorKernels.axpy(1, table.inputRow(Int(example.sentence[p])), hidden, stride) }
            p &+= 1
        }
        if mean && count > 1 { VectorKernels.scale(1 / Float(count), hidden, stride) }
        VectorKernels.zero(worker.gradient, stride)
        loss.update(input: hidden, target: example.centreWord, alpha: alpha, gradient: worker.gradient, worker: &worker)
        p = example.lower
        while p < example.upper {
            if p != example.centre { VectorKernels.axpy(1, worker.gradient, table.inputRow(Int(example.sentence[p])), stride) }
            p &+= 1
        }
    }
}
