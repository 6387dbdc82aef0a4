/// Skip-Gram, one (context, centre) pair at a time (word2vec's loop, and fastText's with
/// subwords): each context word's vector predicts the centre word through the loss; the vector's
/// rows then receive the accumulated gradient (`WordRows`: one row, or the mean of a FastText
/// word's rows, composed into the worker's hidden vector, with the gradient going to all of them).
public struct SkipGramModel<Loss: OutputLoss, Rows: WordRows>: StatelessWord2VecModel {
    public static var cachesHotRows: Bool { true }
    public let loss: Loss
    public let table: TableHandle
    public let rows: Rows
    /// Keeps the rows' memory alive (FastText's `SubwordRowTable`); nil for one row per word.
    let owner: AnyObject?

    public init(loss: Loss, table: TableHandle, rows: Rows, owner: AnyObject? = nil) {
        self.loss = loss
        self.table = table
        self.rows = rows
        self.owner = owner
    }

    @inlinable @inline(__always)
    public func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState) {
        let target = example.centreWord
        let stride = table.stride
        loss.prefetchTarget(example, hot: worker.hot)
        var p = example.lower
        while p < example.upper {
            if p != example.centre {
                let w = Int(example.sentence[p])
                let count = rows.count(of: w)
                VectorKernels.zero(worker.gradient, stride)
                if count == 1 {
                    let row = table.inputRow(w)
                    loss.update(input: row, target: target, alpha: alpha, gradient: worker.gradient, worker: &worker)
                    VectorKernels.axpy(1, worker.gradient, row, stride)
                } else {
                    let wordRows = rows.rows(of: w)
                    VectorKernels.meanOfRows(table, wordRows, count, into: worker.hidden)
                    loss.update(input: worker.hidden, target: target, alpha: alpha, gradient: worker.gradient, worker: &worker)
                    VectorKernels.axpyRows(1, worker.gradient, table, wordRows, count)
                }
            }
            p &+= 1
        }
    }
}

extension SkipGramModel where Rows == OneRowPerWord {
    public init(loss: Loss, table: TableHandle) { self.init(loss: loss, table: table, rows: OneRowPerWord()) }
}
