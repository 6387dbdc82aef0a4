/// How a worker reaches the output rows: the rows of the `count` most frequent words (ids below
/// `count`: the vocabulary is sorted by frequency) in the worker's own copy (`HotRowCache`), the
/// others in the shared table. With `count == 0` (one thread, or the cache off) every row is the
/// shared one, so a one-thread run reads and writes exactly the rows it always did.
///
/// Every `OutputLoss` and every model that opts into the cache (`Word2VecModel.cachesHotRows`)
/// reaches output rows through the worker's `hot` view, never through the table directly.
@frozen
public struct HotRows {
    @usableFromInline let local: UnsafeMutablePointer<Float>?
    @usableFromInline let count: Int

    @inlinable
    init(local: UnsafeMutablePointer<Float>?, count: Int) {
        self.local = local
        self.count = count
    }

    /// No cached row: everything in the shared table.
    @inlinable public static var none: HotRows { HotRows(local: nil, count: 0) }

    /// Output row `id`: the worker's copy for a hot word, else the shared row.
    @inlinable @inline(__always)
    public func outputRow(_ id: Int, _ table: TableHandle) -> UnsafeMutablePointer<Float> {
        id < count ? local.unsafelyUnwrapped + id &* table.stride : table.outputRow(id)
    }

    /// Prefetches output row `id` where this worker will read it.
    @inlinable @inline(__always)
    public func prefetchOutputRow(_ id: Int, _ table: TableHandle) {
        if id >= count { table.prefetchOutputRow(id) }
    }
}

/// A worker thread's private copies of the output rows of the most frequent words, merged into
/// the shared table as deltas (`RowDeltaMerger.exchange`) at the worker's sync points, every
/// `syncEvery` (10,000) corpus tokens and at the end of each chunk of the corpus.
///
/// Why: with plain Hogwild both threads keep writing the same few hundred rows (the output rows
/// of frequent words, which are the targets and most of the negatives of every window), so their
/// cache lines travel between the cores at every window; how much that costs depends on where the
/// host places the two vCPUs. In the worker's own copy those rows stay in its core's cache, and
/// the other threads' changes arrive once per merge instead of once per write.
final class HotRowCache {
    let merger: RowDeltaMerger
    let count: Int
    private let shared: UnsafeMutablePointer<Float>
    private let storage: UnsafeMutablePointer<Float>

    /// Bytes for one worker's cache of `rows` rows (its copy and the snapshot).
    static func memoryEstimate(rows: Int, dim: Int) -> Int {
        2 * rows * EmbeddingTable.stride(for: dim) * MemoryLayout<Float>.size
    }

    /// A cache of the first `count` output rows of `table`, filled from the shared rows.
    init(table: TableHandle, count: Int) {
        precondition(count >= 1 && count <= table.outputRows)
        self.count = count
        shared = table.outputRow(0)
        storage = EmbeddingTable.allocateAligned(count * table.stride)
        for r in 0..<count { VectorKernels.copy(shared + r * table.stride, storage + r * table.stride, table.stride) }
        merger = RowDeltaMerger(base: storage, rows: count, dim: table.dim, stride: table.stride)
    }

    deinit { EmbeddingTable.freeAligned(storage, count: count * merger.stride) }

    /// The worker's view of the output rows through this cache.
    var rows: HotRows { HotRows(local: storage, count: count) }

    /// Adds this worker's changes since the last merge to the shared rows and takes theirs.
    func merge() { merger.exchange(count: count, shared: shared) }

    /// Takes the shared rows as they are (at the start of an epoch, with no worker running).
    func refresh() { merger.refresh(count: count, shared: shared) }
}
