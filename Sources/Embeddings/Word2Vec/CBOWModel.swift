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
