import Corpus

/// The running negative log-likelihood of one worker: a sum over binary predictions (positive and
/// negative terms) and their count. `mean` is the loss reported per epoch.
public struct LossTally {
    public var sum: Double = 0
    public var predictions: Int = 0

    public init(sum: Double = 0, predictions: Int = 0) {
        self.sum = sum
        self.predictions = predictions
    }

    @inlinable @inline(__always)
    public mutating func add(_ loss: Float, predictions n: Int) {
        sum += Double(loss)
        predictions &+= n
    }

    public var mean: Double { predictions > 0 ? sum / Double(predictions) : 0 }

    public static func + (a: LossTally, b: LossTally) -> LossTally {
        var r = a
        r.sum += b.sum
        r.predictions += b.predictions
        return r
    }
}

/// Everything one worker thread owns, separate from the shared weights: scratch vectors
/// allocated once (64-byte aligned, `stride` floats each), its random generator, its loss tally
/// and its processed-token counter. Passed `inout` through the hot loop; never shared.
public struct WorkerState {
    public let index: Int
    public var rng: Xoshiro256
    public var loss = LossTally()
    /// Corpus tokens (before sub-sampling) this worker has gone through, all epochs.
    public var processedTokens = 0
    /// Tokens already added to the shared progress counter.
    public var publishedTokens = 0
    /// Loss already added to the shared running loss.
    public var publishedLoss = LossTally()
    /// `processedTokens` when the interleaved task last ran (or the epoch started).
    public var taskTokens = 0
    /// Seconds this worker spent training (all epochs), to see idle time at epoch ends.
    public var busySeconds = 0.0
    /// Where this worker reads and writes output rows (its copies of the hottest ones, if any).
    public var hot = HotRows.none

    /// A vector of `stride` floats (CBOW's hidden layer, scratch for objectives).
    public let hidden: UnsafeMutablePointer<Float>
    /// The gradient accumulated for the input vector(s), `stride` floats.
    public let gradient: UnsafeMutablePointer<Float>
    /// `4 * batchCapacity` rows of `stride` floats for batched kernels (copies of rows, deltas).
    public let batchRows: UnsafeMutablePointer<Float>
    public let batchCapacity: Int
    /// Scores or gradients of a batch: `batchCapacity * batchCapacity` floats.
    public let batchScores: UnsafeMutablePointer<Float>
    /// Ids of the current (sub-sampled) sentence.
    public let sentence: UnsafeMutablePointer<Int32>
    public let sentenceCapacity: Int
    /// Row ids of a batch (contexts, then targets).
    public let batchIds: UnsafeMutablePointer<Int>
    /// Row pointers of a batch (`2 * batchCapacity`).
    public let batchPointers: UnsafeMutablePointer<UnsafeMutablePointer<Float>>

    /// Negative samples drawn one step ahead (their rows prefetched), `negativeCapacity` ids.
    public let negativeQueue: UnsafeMutablePointer<Int>
    public var negativeQueueFilled = false
    /// Where the worker paused in its shard for a checkpoint (`ShardCursor`).
    public var cursor = ShardCursor()

    private let storage: ScratchStorage

    public init(index: Int, seed: UInt64, stride: Int, batchCapacity: Int, sentenceCapacity: Int) {
        self.index = index
        rng = Xoshiro256(seed: seed, stream: UInt64(index) &+ 1)
        let standard = ((2 + 4 * batchCapacity) * stride + batchCapacity * batchCapacity + 15) / 16 * 16
        let s = ScratchStorage(floats: standard,
                               ints: sentenceCapacity, ids: 3 * batchCapacity)
        storage = s
        hidden = s.floats
        gradient = s.floats + stride
        batchRows = s.floats + 2 * stride
        batchScores = s.floats + (2 + 4 * batchCapacity) * stride
        self.batchCapacity = batchCapacity
        sentence = s.ints
        self.sentenceCapacity = sentenceCapacity
        batchIds = s.ids
        negativeQueue = s.ids + 2 * batchCapacity
        batchPointers = s.pointers
    }
}

/// Owns a worker's scratch memory (freed when the last `WorkerState` copy goes away).
final class ScratchStorage {
    let floats: UnsafeMutablePointer<Float>
    let floatCount: Int
    let ints: UnsafeMutablePointer<Int32>
    let ids: UnsafeMutablePointer<Int>
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<Float>>

    init(floats count: Int, ints: Int, ids: Int) {
        floats = EmbeddingTable.allocateAligned(count)
        floatCount = count
        self.ints = .allocate(capacity: ints)
        self.ids = .allocate(capacity: ids)
        pointers = .allocate(capacity: ids)
    }

    deinit {
        EmbeddingTable.freeAligned(floats, count: floatCount)
        ints.deallocate()
        ids.deallocate()
        pointers.deallocate()
    }
}
