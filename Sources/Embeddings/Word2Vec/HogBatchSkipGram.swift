import Corpus

/// Skip-Gram in pWord2Vec's "HogBatch" form: for one centre word, the input rows of its context
/// words form a small matrix `In` (B × d) and one set of k+1 output rows `Out` (the centre word
/// and k negatives, shared across the window) another; then
///   scores = In · Outᵀ,  G = α (labels − σ(scores)),  Out += Gᵀ · In,  In += G · Out(old)
/// so every row is read and written once per window instead of once per (context, prediction)
/// pair, and k negatives are drawn per window instead of per pair. The three products are tiny
/// (B ≤ 2·window, k+1 ≈ 6, d ≈ 100), where our SIMD16 kernels beat a BLAS call's overhead.
public struct HogBatchSkipGramModel: Word2VecModel {
    public let loss: NegativeSamplingLoss
    public let table: TableHandle

    public init(loss: NegativeSamplingLoss, table: TableHandle) {
        self.loss = loss
        self.table = table
    }

    @inlinable @inline(__always)
    public func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState) {
        var b = 0
        var p = example.lower
        while p < example.upper {
            if p != example.centre {
                worker.batchPointers[b] = table.inputRow(Int(example.sentence[p]))
                b &+= 1
            }
            p &+= 1
        }
        loss.prefetchTarget(example)
        if b > 0 { loss.updateShared(inputs: worker.batchPointers, count: b, target: example.centreWord, alpha: alpha, worker: &worker) }
    }
}

extension NegativeSamplingLoss {
    /// Negative sampling for `count` input rows that share one target and one draw of negatives
    /// (one window of HogBatch Skip-Gram): a mini-batch step where all scores are computed from
    /// the weights as they were before the step. Input rows are updated in place.
    @inlinable @inline(__always)
    public func updateShared(inputs: UnsafeMutablePointer<UnsafeMutablePointer<Float>>, count b: Int,
                             target: Int, alpha: Float, worker: inout WorkerState) {
        let stride = table.stride
        let k1 = negatives &+ 1
        let targets = worker.batchIds
        let copies = worker.batchPointers + b
        let g = worker.batchScores // g[j * k1 + d]
        var loss: Float = 0
        var predictions = 0
        targets[0] = target
        drawNegatives(into: targets + 1, worker: &worker)
        // Scores and gradient factors; copies of the output rows as they were.
        var d = 0
        while d < k1 {
            let out = table.outputRow(targets[d])
            let copy = worker.batchRows + d &* stride
            copies[d] = copy
            VectorKernels.copy(out, copy, stride)
            if d > 0 && targets[d] == target {
                for j in 0..<b { g[j &* k1 &+ d] = 0 }
            } else {
                let label: Float = d == 0 ? 1 : 0
                for j in 0..<b {
                    let f = VectorKernels.dot(inputs[j], copy, stride)
                    g[j &* k1 &+ d] = gradientFactor(score: f, label: label, loss: &loss) * alpha
                }
                predictions &+= b
            }
            d &+= 1
        }
        // Out += Gᵀ · In (input rows not yet changed).
        d = 0
        while d < k1 {
            VectorKernels.axpyMany(g + d, k1, inputs, b, table.outputRow(targets[d]), stride)
            d &+= 1
        }
        // In += G · Out(old).
        for j in 0..<b {
            VectorKernels.axpyMany(g + j &* k1, 1, copies, k1, inputs[j], stride)
        }
        worker.loss.add(loss, predictions: predictions)
    }
}
