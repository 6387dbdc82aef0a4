import EmbedBase

/// How co-occurrence counting splits its `--memory` budget.
///
/// - the dense table holds every pair whose frequency-rank product (i+1)(j+1) is at most
///   `maxProduct` (the frequent pairs, which take most of the increments), 8 bytes per cell, plus
///   an 8-byte row offset per word;
/// - the hash table takes the other pairs, 16 bytes per slot, and is sorted and spilled to a
///   temporary file as a run when half full;
/// - the merge reads at most `mergeFanIn` runs at once through buffers of `mergeBufferBytes`.
///
/// The budget covers these structures, not the encoded corpus (a memory-mapped file) nor the
/// vocabulary, which exist before counting starts.
public struct CooccurrenceMemoryPlan: Sendable, Equatable {
    public let vocabularySize: Int
    public let maxProduct: Int
    public let denseCells: Int
    public let hashSlots: Int
    public let mergeFanIn: Int
    public let mergeBufferBytes: Int

    /// At most this many runs are open at once; more are merged in groups first.
    public static let defaultFanIn = 64
    static let minimumHashSlots = 1 << 16
    static let minimumMergeBufferBytes = 1 << 14

    /// The smallest budget that can count over `vocabularySize` words.
    public static func minimumBytes(vocabularySize: Int) -> Int {
        let offsets = (vocabularySize + 1) * 8
        let dense = vocabularySize * 8            // at least one cell per word (the most frequent pairs)
        let hash = minimumHashSlots * 16
        let merge = (defaultFanIn + 2) * minimumMergeBufferBytes
        return offsets + dense + hash + merge
    }

    /// Cells of the dense table for a given rank-product limit: row i holds min(V, P / (i+1)) cells.
    public static func denseCells(maxProduct: Int, vocabularySize: Int) -> Int {
        var total = 0
        for i in 0..<vocabularySize {
            let row = min(vocabularySize, maxProduct / (i + 1))
            if row == 0 { break }
            total += row
        }
        return total
    }

    public init(budgetBytes: Int, vocabularySize v: Int) throws {
        precondition(v >= 1)
        let minimum = CooccurrenceMemoryPlan.minimumBytes(vocabularySize: v)
        guard budgetBytes >= minimum else {
            throw GloVeError.memoryTooSmall(budgetBytes: budgetBytes, neededBytes: minimum, vocabularySize: v)
        }
        vocabularySize = v
        mergeFanIn = CooccurrenceMemoryPlan.defaultFanIn
        // Merge buffers: 1/16 of the budget, between 16 KiB and 1 MiB per source.
        mergeBufferBytes = max(CooccurrenceMemoryPlan.minimumMergeBufferBytes,
                               min(1 << 20, budgetBytes / 16 / (mergeFanIn + 2)))
        let rest = budgetBytes - (v + 1) * 8 - (mergeFanIn + 2) * mergeBufferBytes
        // Half to the dense table (never more than the whole V x V matrix), the rest to the hash table.
        let denseBudgetCells = max(v, rest / 2 / 8)
        var lo = 1, hi = v * v   // largest maxProduct whose table fits
        if CooccurrenceMemoryPlan.denseCells(maxProduct: hi, vocabularySize: v) <= denseBudgetCells {
            lo = hi
        } else {
            while lo + 1 < hi {
                let mid = lo + (hi - lo) / 2
                if CooccurrenceMemoryPlan.denseCells(maxProduct: mid, vocabularySize: v) <= denseBudgetCells {
                    lo = mid
                } else {
                    hi = mid
                }
            }
        }
        maxProduct = lo
        denseCells = CooccurrenceMemoryPlan.denseCells(maxProduct: lo, vocabularySize: v)
        hashSlots = max(CooccurrenceMemoryPlan.minimumHashSlots, (rest - denseCells * 8) / 16)
    }

    /// A plan with explicit sizes (like the reference's `-max-product` and `-overflow-length`), for
    /// tuning and for tests that force spills and multi-level merges on tiny corpora.
    public init(vocabularySize v: Int, maxProduct: Int, hashSlots: Int, mergeFanIn: Int = defaultFanIn,
                mergeBufferBytes: Int = 1 << 16) {
        precondition(v >= 1 && maxProduct >= 0 && hashSlots >= 4 && mergeFanIn >= 2 && mergeBufferBytes >= 16)
        vocabularySize = v
        self.maxProduct = maxProduct
        denseCells = CooccurrenceMemoryPlan.denseCells(maxProduct: maxProduct, vocabularySize: v)
        self.hashSlots = hashSlots
        self.mergeFanIn = mergeFanIn
        self.mergeBufferBytes = mergeBufferBytes
    }

    /// Bytes the plan allocates at most.
    public var totalBytes: Int {
        (vocabularySize + 1) * 8 + denseCells * 8 + hashSlots * 16 + (mergeFanIn + 2) * mergeBufferBytes
    }

    public var summary: String {
        let mib = Format.mebibytes
        return "co-occurrence memory: dense table \(mib(denseCells * 8)) (pairs with rank product <= \(maxProduct)), "
            + "hash table \(mib(hashSlots * 16)), merge buffers \(mib((mergeFanIn + 2) * mergeBufferBytes)); "
            + "total \(mib(totalBytes))"
    }
}
