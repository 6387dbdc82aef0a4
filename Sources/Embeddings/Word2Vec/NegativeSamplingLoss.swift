import Corpus

/// The output-layer objective of a trainer, as a strategy separate from the model (fastText's
/// `Loss`): given an input vector `h` and a target word, it scores `h` against the target's output
/// row (and whatever else the objective involves), updates those output rows, and adds the
/// gradient for `h` (already scaled by the learning rate) into `gradient`. It records its
/// negative log-likelihood in the worker's tally. It reaches output rows through the worker's
/// `hot` view (`HotRows`: the worker's own copies of the hottest rows), never the table directly.
public protocol OutputLoss {
    func update(input h: UnsafePointer<Float>, target: Int, alpha: Float,
                gradient: UnsafeMutablePointer<Float>, worker: inout WorkerState)

    /// A hint before `example` is trained (e.g. prefetch the rows it will touch, where the
    /// worker's `hot` view says they are); may do nothing.
    func prefetchTarget(_ example: TrainingExample, hot: HotRows)
}

/// Negative sampling (word2vec's `-negative k`): one positive prediction (target) and `k`
/// negatives drawn from the unigram^0.75 noise distribution; a negative equal to the target is
/// skipped, as in word2vec. Scores beyond ±6 are clipped like word2vec's EXP_TABLE.
public struct NegativeSamplingLoss: OutputLoss {
    public let negatives: Int
    public let noise: NoiseDistribution
    public let table: TableHandle
    let sigmoid: SigmoidTable
    @usableFromInline let lookup: UnsafeMutablePointer<Float>

    public init(negatives: Int, noise: NoiseDistribution, table: TableHandle) {
        precondition(negatives >= 1)
        self.negatives = negatives
        self.noise = noise
        self.table = table
        sigmoid = SigmoidTable()
        lookup = sigmoid.values
    }

    /// For a score `f` and a label (1 positive, 0 negative): the gradient factor `label - σ(f)`,
    /// and adds `-log P(label | f)` to `loss`. Scores outside ±6 use word2vec's clipped gradient
    /// and the asymptotic loss; a NaN or infinite score makes `loss` non-finite, which is how
    /// divergence is detected without a test in the common path.
    @inlinable @inline(__always)
    public func gradientFactor(score f: Float, label: Float, loss: inout Float) -> Float {
        if f > -SigmoidTable.maxScore && f < SigmoidTable.maxScore {
            let i = Int((f + SigmoidTable.maxScore) * SigmoidTable.indexScale)
            // log σ(-f) = log σ(f) - f
            let logSigmoid = lookup[SigmoidTable.size &+ i]
            loss -= label == 1 ? logSigmoid : logSigmoid - f
            return label - lookup[i]
        }
        let positive = f > 0
        loss += (f - f) + (positive ? (1 - label) * f : -label * f)
        return label - (positive ? 1 : 0)
    }

    /// Writes the next `negatives` noise words to `dest`. They come from a queue drawn one call
    /// ahead whose output rows were prefetched then, so their cache misses overlap the work in
    /// between (random output rows are the main memory stall of negative sampling).
    @inlinable @inline(__always)
    public func drawNegatives(into dest: UnsafeMutablePointer<Int>, worker: inout WorkerState) {
        let queue = worker.negativeQueue
        if !worker.negativeQueueFilled {
            for i in 0..<negatives { queue[i] = noise.draw(worker.rng.next()) }
            worker.negativeQueueFilled = true
        }
        for i in 0..<negatives {
            dest[i] = queue[i]
            let next = noise.draw(worker.rng.next())
            queue[i] = next
            worker.hot.prefetchOutputRow(next, table)
        }
    }

    /// Prefetches the output row of the word the next example will predict.
    @inlinable @inline(__always)
    public func prefetchTarget(_ example: TrainingExample, hot: HotRows) {
        if example.upper > example.centre &+ 1 { hot.prefetchOutputRow(Int(example.sentence[example.centre &+ 1]), table) }
    }

    @inlinable @inline(__always)
    public func update(input h: UnsafePointer<Float>, target: Int, alpha: Float,
                       gradient: UnsafeMutablePointer<Float>, worker: inout WorkerState) {
        let stride = table.stride
        var loss: Float = 0
        var predictions = 1
        do {
            let out = worker.hot.outputRow(target, table)
            let g = gradientFactor(score: VectorKernels.dot(h, out, stride), label: 1, loss: &loss) * alpha
            VectorKernels.axpy(g, out, gradient, stride)
            VectorKernels.axpy(g, h, out, stride)
        }
        let drawn = worker.batchIds
        drawNegatives(into: drawn, worker: &worker)
        for i in 0..<negatives {
            let negative = drawn[i]
            if negative == target { continue }
            predictions &+= 1
            let out = worker.hot.outputRow(negative, table)
            let g = gradientFactor(score: VectorKernels.dot(h, out, stride), label: 0, loss: &loss) * alpha
            VectorKernels.axpy(g, out, gradient, stride)
            VectorKernels.axpy(g, h, out, stride)
        }
        worker.loss.add(loss, predictions: predictions)
    }
}
