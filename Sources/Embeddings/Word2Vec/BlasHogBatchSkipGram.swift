import CBLAS
import Corpus

/// HogBatch Skip-Gram with the three products done by OpenBLAS `cblas_sgemm` on copies of the
/// rows (pWord2Vec's way), for comparison with `HogBatchSkipGramModel`'s SIMD kernels
/// (`--kernel blas`). The caller turns OpenBLAS's own threading off (`openblas_set_num_threads(1)`):
/// our workers are the threads.
public struct BlasHogBatchSkipGramModel: StatelessWord2VecModel {
    public static var cachesHotRows: Bool { true }
    public let loss: NegativeSamplingLoss
    public let table: TableHandle

    public init(loss: NegativeSamplingLoss, table: TableHandle) {
        self.loss = loss
        self.table = table
    }

    /// Scratch rows needed per worker: inputs, outputs and both deltas.
    public static func scratchRows(batchCapacity: Int) -> Int { 4 * batchCapacity }

    public func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState) {
        let stride = table.stride
        let k1 = loss.negatives + 1
        let rows = worker.batchRows
        let cap = worker.batchCapacity
        let inM = rows, outM = rows + cap * stride, dIn = rows + 2 * cap * stride, dOut = rows + 3 * cap * stride
        let ids = worker.batchIds // contexts at [cap...], targets at [0..<k1]
        loss.prefetchTarget(example, hot: worker.hot)
        var b = 0
        var p = example.lower
        while p < example.upper {
            if p != example.centre {
                let w = Int(example.sentence[p])
                ids[cap + b] = w
                VectorKernels.copy(table.inputRow(w), inM + b * stride, stride)
                b += 1
            }
            p += 1
        }
        guard b > 0 else { return }
        let target = example.centreWord
        ids[0] = target
        loss.drawNegatives(into: ids + 1, worker: &worker)
        for d in 0..<k1 { VectorKernels.copy(worker.hot.outputRow(ids[d], table), outM + d * stride, stride) }
        let g = worker.batchScores
        let n = Int32(table.dim), ib = Int32(b), ik = Int32(k1), ld = Int32(stride)
        // scores (b × k1) = In · Outᵀ
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, ib, ik, n, 1, inM, ld, outM, ld, 0, g, ik)
        var lossSum: Float = 0
        var predictions = 0
        for d in 0..<k1 {
            let skip = d > 0 && ids[d] == target
            let label: Float = d == 0 ? 1 : 0
            for j in 0..<b {
                if skip { g[j * k1 + d] = 0; continue }
                g[j * k1 + d] = loss.gradientFactor(score: g[j * k1 + d], label: label, loss: &lossSum) * alpha
            }
            if !skip { predictions += b }
        }
        // dIn (b × d) = G · Out,  dOut (k1 × d) = Gᵀ · In
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, ib, n, ik, 1, g, ik, outM, ld, 0, dIn, ld)
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, ik, n, ib, 1, g, ik, inM, ld, 0, dOut, ld)
        for j in 0..<b { VectorKernels.axpy(1, dIn + j * stride, table.inputRow(ids[cap + j]), stride) }
        for d in 0..<k1 { VectorKernels.axpy(1, dOut + d * stride, worker.hot.outputRow(ids[d], table), stride) }
        worker.loss.add(lossSum, predictions: predictions)
    }
}
