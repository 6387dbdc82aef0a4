import Corpus

// FastText (Bojanowski et al. 2017) as models of the word2vec trainer: a word's input vector is
// the mean of its input rows (its own row, then its character n-gram bucket rows, from a
// `SubwordRowTable`), and the gradient of that mean goes to every one of those rows, as in
// fastText (not divided by the row count). Everything else (sub-sampling, dynamic window,
// negative sampling, learning-rate schedule, threads) is the word2vec trainer's.
//
// Like our Skip-Gram, the context words' vectors predict the centre word (fastText's loop has
// the centre predict its contexts; over a corpus both see the same word pairs). A word with a
// single row (always so with subwords off) is used in place exactly as the Skip-Gram and CBOW
// models use it, so `--minn 0 --maxn 0` gives bit-identical vectors to those models.

/// FastText Skip-Gram in HogBatch form (the default kernel): the window's context vectors and
/// one shared draw of negatives go through `NegativeSamplingLoss.updateShared` like
/// `HogBatchSkipGramModel`. A multi-row word's vector is composed once per sentence position,
/// when the position enters a window, into a per-worker ring of `2 * window + 1` slots; every
/// window that uses the position updates that cached vector in place, and when the position
/// leaves the last window that can use it, the accumulated change goes to all of the word's rows
/// at once. So each position costs one mean and one update of its ~30 rows, instead of one of
/// each per (context, centre) pair as in fastText.
public struct FastTextBatchSkipGramModel: Word2VecModel {
    public let loss: NegativeSamplingLoss
    public let table: TableHandle
    public let subwords: SubwordRows
    public let window: Int
    let owner: SubwordRowTable

    public init(loss: NegativeSamplingLoss, table: TableHandle, subwords: SubwordRowTable, window: Int) {
        self.loss = loss
        self.table = table
        self.subwords = subwords.handle
        self.window = window
        owner = subwords
    }

    /// Two vectors (current and as composed) per slot of the ring.
    public var scratchFloats: Int { 2 * (2 * window + 1) * table.stride }

    /// The cached vector of position `p`; the vector as composed follows it.
    @inlinable @inline(__always)
    func slot(_ p: Int, _ worker: inout WorkerState) -> UnsafeMutablePointer<Float> {
        worker.extra + (p % (2 &* window &+ 1)) &* (2 &* table.stride)
    }

    @inlinable @inline(__always)
    public func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState) {
        let sentence = example.sentence
        let stride = table.stride
        // Positions before centre - window are in no later window: their changes go to the rows.
        let keepFrom = example.centre &- window
        while worker.cacheStart < keepFrom && worker.cacheStart < worker.cacheEnd {
            retire(worker.cacheStart, sentence, &worker)
            worker.cacheStart &+= 1
        }
        #if DEBUG
        assert(worker.cacheEnd >= example.lower && worker.cacheEnd - worker.cacheStart <= 2 * window + 1)
        #endif
        // Positions entering a window for the first time: compose their vectors.
        while worker.cacheEnd < example.upper {
            let p = worker.cacheEnd
            let (rows, count) = subwords.rows(of: Int(sentence[p]))
            if count > 1 {
                let current = slot(p, &worker)
                VectorKernels.meanOfRows(table, rows, count, into: current)
                VectorKernels.copy(current, current + stride, stride)
            }
            worker.cacheEnd &+= 1
        }
        var b = 0
        var p = example.lower
        while p < example.upper {
            if p != example.centre {
                let w = Int(sentence[p])
                worker.batchPointers[b] = subwords.rows(of: w).count > 1 ? slot(p, &worker) : table.inputRow(w)
                b &+= 1
            }
            p &+= 1
        }
        loss.prefetchTarget(example)
        if b > 0 {
            loss.updateShared(inputs: worker.batchPointers, count: b, target: example.centreWord, alpha: alpha,
                              worker: &worker)
        }
    }

    /// Adds the change of position `p`'s cached vector to all of its word's rows.
    @inlinable @inline(__always)
    func retire(_ p: Int, _ sentence: UnsafePointer<Int32>, _ worker: inout WorkerState) {
        let (rows, count) = subwords.rows(of: Int(sentence[p]))
        guard count > 1 else { return }
        let current = slot(p, &worker)
        let composed = current + table.stride
        VectorKernels.axpy(-1, current, composed, table.stride) // composed - current = -change
        VectorKernels.axpyRows(-1, composed, table, rows, count)
    }

    @inlinable
    public func finishSentence(worker: inout WorkerState) {
        // The sentence buffer still holds this sentence (the trainer calls before reusing it).
        let sentence = UnsafePointer(worker.sentence)
        while worker.cacheStart < worker.cacheEnd {
            retire(worker.cacheStart, sentence, &worker)
            worker.cacheStart &+= 1
        }
        worker.cacheStart = 0
        worker.cacheEnd = 0
    }
}

/// FastText Skip-Gram one (context, centre) pair at a time, as fastText's own loop: the context
/// word's vector is composed, predicts the centre word through the loss, and the gradient goes
/// to all of its rows before the next pair.
public struct FastTextSkipGramModel<Loss: OutputLoss>: Word2VecModel {
    public let loss: Loss
    public let table: TableHandle
    public let subwords: SubwordRows
    let owner: SubwordRowTable

    public init(loss: Loss, table: TableHandle, subwords: SubwordRowTable) {
        self.loss = loss
        self.table = table
        self.subwords = subwords.handle
        owner = subwords
    }

    @inlinable @inline(__always)
    public func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState) {
        let target = example.centreWord
        let stride = table.stride
        loss.prefetchTarget(example)
        var p = example.lower
        while p < example.upper {
            if p != example.centre {
                let w = Int(example.sentence[p])
                let (rows, count) = subwords.rows(of: w)
                VectorKernels.zero(worker.gradient, stride)
                if count == 1 {
                    let row = table.inputRow(w)
                    loss.update(input: row, target: target, alpha: alpha, gradient: worker.gradient, worker: &worker)
                    VectorKernels.axpy(1, worker.gradient, row, stride)
                } else {
                    VectorKernels.meanOfRows(table, rows, count, into: worker.hidden)
                    loss.update(input: worker.hidden, target: target, alpha: alpha, gradient: worker.gradient, worker: &worker)
                    VectorKernels.axpyRows(1, worker.gradient, table, rows, count)
                }
            }
            p &+= 1
        }
    }
}

/// FastText CBOW, as fastText's: the hidden vector is the mean of all the input rows of all
/// context words (with `mean` false: the sum of the context words' vectors); it predicts the
/// centre word and every one of those rows receives the hidden layer's gradient.
public struct FastTextCBOWModel<Loss: OutputLoss>: Word2VecModel {
    public let loss: Loss
    public let table: TableHandle
    public let subwords: SubwordRows
    public let mean: Bool
    let owner: SubwordRowTable

    public init(loss: Loss, table: TableHandle, subwords: SubwordRowTable, mean: Bool) {
        self.loss = loss
        self.table = table
        self.subwords = subwords.handle
        self.mean = mean
        owner = subwords
    }

    @inlinable @inline(__always)
    public func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState) {
        guard example.contextCount > 0 else { return }
        let stride = table.stride
        let hidden = worker.hidden
        VectorKernels.zero(hidden, stride)
        var total = 0
        var p = example.lower
        while p < example.upper {
            if p != example.centre {
                let (rows, count) = subwords.rows(of: Int(example.sentence[p]))
                let weight: Float = mean || count == 1 ? 1 : 1 / Float(count)
                var k = 0
                while k < count {
                    VectorKernels.axpy(weight, table.inputRow(Int(rows[k])), hidden, stride)
                    k &+= 1
                }
                total &+= count
            }
            p &+= 1
        }
        if mean && total > 1 { VectorKernels.scale(1 / Float(total), hidden, stride) }
        loss.prefetchTarget(example)
        VectorKernels.zero(worker.gradient, stride)
        loss.update(input: hidden, target: example.centreWord, alpha: alpha, gradient: worker.gradient, worker: &worker)
        p = example.lower
        while p < example.upper {
            if p != example.centre {
                let (rows, count) = subwords.rows(of: Int(example.sentence[p]))
                VectorKernels.axpyRows(1, worker.gradient, table, rows, count)
            }
            p &+= 1
        }
    }
}
