/// CBOW (word2vec's, and fastText's with subwords): the mean (or sum) of the context words'
/// vectors predicts the centre word, and every row of every context word then receives the hidden
/// layer's gradient (as in word2vec, not divided by the context size). With subwords
/// (`WordRows`), the mean runs over all the input rows of all context words (fastText's); the sum
/// adds each word's vector (the mean of its rows).
public struct CBOWModel<Loss: OutputLoss, Rows: WordRows>: StatelessWord2VecModel {
    public static var cachesHotRows: Bool { true }
    public let loss: Loss
    public let table: TableHandle
    public let mean: Bool
    public let rows: Rows
    /// Keeps the rows' memory alive (FastText's `SubwordRowTable`); nil for one row per word.
    let owner: AnyObject?

    public init(loss: Loss, table: TableHandle, mean: Bool, rows: Rows, owner: AnyObject? = nil) {
        self.loss = loss
        self.table = table
        self.mean = mean
        self.rows = rows
        self.owner = owner
    }

    @inlinable @inline(__always)
    public func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState) {
        guard example.contextCount > 0 else { return }
        let stride = table.stride
        let hidden = worker.hidden
        loss.prefetchTarget(example, hot: worker.hot)
        VectorKernels.zero(hidden, stride)
        var total = 0
        var p = example.lower
        while p < example.upper {
            if p != example.centre {
                let w = Int(example.sentence[p])
                let count = rows.count(of: w)
                if count == 1 {
                    VectorKernels.axpy(1, table.inputRow(w), hidden, stride)
                } else {
                    let wordRows = rows.rows(of: w)
                    let weight: Float = mean ? 1 : 1 / Float(count)
                    var k = 0
                    while k < count {
                        VectorKernels.axpy(weight, table.inputRow(Int(wordRows[k])), hidden, stride)
                        k &+= 1
                    }
                }
                total &+= count
            }
            p &+= 1
        }
        if mean && total > 1 { VectorKernels.scale(1 / Float(total), hidden, stride) }
        VectorKernels.zero(worker.gradient, stride)
        loss.update(input: hidden, target: example.centreWord, alpha: alpha, gradient: worker.gradient, worker: &worker)
        p = example.lower
        while p < example.upper {
            if p != example.centre {
                let w = Int(example.sentence[p])
                let count = rows.count(of: w)
                if count == 1 {
                    VectorKernels.axpy(1, worker.gradient, table.inputRow(w), stride)
                } else {
                    VectorKernels.axpyRows(1, worker.gradient, table, rows.rows(of: w), count)
                }
            }
            p &+= 1
        }
    }
}

extension CBOWModel where Rows == OneRowPerWord {
    public init(loss: Loss, table: TableHandle, mean: Bool) { self.init(loss: loss, table: table, mean: mean, rows: OneRowPerWord()) }
}
