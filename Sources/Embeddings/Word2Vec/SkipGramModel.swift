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
