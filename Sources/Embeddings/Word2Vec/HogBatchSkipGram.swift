import Corpus

/// Skip-Gram in pWord2Vec's "HogBatch" form: for one centre word, the input rows of its context
/// words form a small matrix `In` (B × d) and one set of k+1 output rows `Out` (the centre word
/// and k negatives, shared across the window) another; then
///   scores = In · Outᵀ,  G = α (labels − σ(scores)),  Out += Gᵀ · In,  In += G · Out(old)
/// so every row is read and written once per window instead of once per (context, prediction)
/// pair, and k negatives are drawn per window instead of per pair. The three products are tiny
/// (B ≤ 2·window, k+1 ≈ 6, d ≈ 100), where our SIMD16 kernels beat a BLAS call's overhead.
///
/// With subwords (`WordRows`, FastText), a multi-row word's vector is composed once per sentence
/// position, when the position enters a window, into a per-worker ring of `2 * window + 1` slots;
/// every window that uses the position updates that cached vector in place, and when the position
/// leaves the last window that can use it, the accumulated change goes to all of the word's rows
/// at once. So each position costs one mean and one update of its ~30 rows, instead of one of
/// each per (context, centre) pair as in fastText. Single-row words are used in place, and with
/// `OneRowPerWord` the ring is never allocated nor touched.
public struct HogBatchSkipGramModel<Rows: WordRows>: Word2VecModel {
    public static var cachesHotRows: Bool { true }
    /// The worker's ring of composed vectors and the sentence positions it holds.
    public struct Scratch {
        /// `2 * window + 1` slots of two vectors (current, as composed); nil without subwords.
        @usableFromInline let slots: UnsafeMutablePointer<Float>?
        /// Positions `start ..< end` of the current sentence are in the ring.
        @usableFromInline var start = 0
        @usableFromInline var end = 0
        let owner: RingStorage?

        init(floats: Int) {
            owner = floats > 0 ? RingStorage(floats: floats) : nil
            slots = owner?.floats
        }
    }

    public let loss: NegativeSamplingLoss
    public let table: TableHandle
    public let rows: Rows
    public let window: Int
    /// Keeps the rows' memory alive (FastText's `SubwordRowTable`); nil for one row per word.
    let owner: AnyObject?

    public init(loss: NegativeSamplingLoss, table: TableHandle, rows: Rows, window: Int, owner: AnyObject? = nil) {
        self.loss = loss
        self.table = table
        self.rows = rows
        self.window = window
        self.owner = owner
    }

    /// Two vectors (current and as composed) per slot of the ring, with subwords.
    public func makeScratch() -> Scratch { Scratch(floats: rows.hasSubwords ? 2 * (2 * window + 1) * table.stride : 0) }

    /// The cached vector of position `p`; the vector as composed follows it.
    @inlinable @inline(__always)
    func slot(_ p: Int, _ ring: inout Scratch) -> UnsafeMutablePointer<Float> {
        ring.slots.unsafelyUnwrapped + (p % (2 &* window &+ 1)) &* (2 &* table.stride)
    }

    @inlinable @inline(__always)
    public func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState, scratch ring: inout Scratch) {
        let sentence = example.sentence
        if rows.hasSubwords {
            let stride = table.stride
            // Positions before centre - window are in no later window: their changes go to the rows.
            let keepFrom = example.centre &- window
            while ring.start < keepFrom && ring.start < ring.end {
                retire(ring.start, sentence, &ring)
                ring.start &+= 1
            }
            #if DEBUG
            assert(ring.end >= example.lower && ring.end - ring.start <= 2 * window + 1)
            #endif
            // Positions entering a window for the first time: compose their vectors.
            while ring.end < example.upper {
                let p = ring.end
                let w = Int(sentence[p])
                let count = rows.count(of: w)
                if count > 1 {
                    let current = slot(p, &ring)
                    VectorKernels.meanOfRows(table, rows.rows(of: w), count, into: current)
                    VectorKernels.copy(current, current + stride, stride)
                }
                ring.end &+= 1
            }
        }
        var b = 0
        var p = example.lower
        while p < example.upper {
            if p != example.centre {
                let w = Int(sentence[p])
                worker.batchPointers[b] = rows.count(of: w) > 1 ? slot(p, &ring) : table.inputRow(w)
                b &+= 1
            }
            p &+= 1
        }
        loss.prefetchTarget(example, hot: worker.hot)
        if b > 0 { loss.updateShared(inputs: worker.batchPointers, count: b, target: example.centreWord, alpha: alpha, worker: &worker) }
    }

    /// Adds the change of position `p`'s cached vector to all of its word's rows.
    @inlinable @inline(__always)
    func retire(_ p: Int, _ sentence: UnsafePointer<Int32>, _ ring: inout Scratch) {
        let w = Int(sentence[p])
        let count = rows.count(of: w)
        guard count > 1 else { return }
        let current = slot(p, &ring)
        let composed = current + table.stride
        VectorKernels.axpy(-1, current, composed, table.stride) // composed - current = -change
        VectorKernels.axpyRows(-1, composed, table, rows.rows(of: w), count)
    }

    @inlinable
    public func finishSentence(worker: inout WorkerState, scratch ring: inout Scratch) {
        guard rows.hasSubwords else { return }
        // The sentence buffer still holds this sentence (the trainer calls before reusing it).
        let sentence = UnsafePointer(worker.sentence)
        while ring.start < ring.end {
            retire(ring.start, sentence, &ring)
            ring.start &+= 1
        }
        ring.start = 0
        ring.end = 0
    }
}

extension HogBatchSkipGramModel where Rows == OneRowPerWord {
    public init(loss: NegativeSamplingLoss, table: TableHandle) {
        self.init(loss: loss, table: table, rows: OneRowPerWord(), window: 0)
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
            let out = worker.hot.outputRow(targets[d], table)
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
            VectorKernels.axpyMany(g + d, k1, inputs, b, worker.hot.outputRow(targets[d], table), stride)
            d &+= 1
        }
        // In += G · Out(old).
        for j in 0..<b {
            VectorKernels.axpyMany(g + j &* k1, 1, copies, k1, inputs[j], stride)
        }
        worker.loss.add(loss, predictions: predictions)
    }
}

/// The memory of a worker's ring of composed vectors (64-byte aligned, freed with the last copy).
final class RingStorage {
    let floats: UnsafeMutablePointer<Float>
    let count: Int
    init(floats count: Int) { floats = EmbeddingTable.allocateAligned(count); self.count = count }
    deinit { EmbeddingTable.freeAligned(floats, count: count) }
}
