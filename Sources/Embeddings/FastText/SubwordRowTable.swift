import Corpus

/// Every vocabulary word's input rows (its own row, then one per character n-gram), computed
/// once before training from a `SubwordIndex`, in raw memory for the hot loops (two pointer loads
/// per word, no bounds checks or reference counting).
///
/// Only the n-gram buckets that some vocabulary word uses get a row: bucket rows are numbered
/// `vocabulary.size + rank`, `rank` being the bucket's position in `usedBuckets` (ascending). The
/// other buckets would never be read or written by training (fastText allocates and initialises
/// them all, and they stay random), so leaving them out changes no trained value and divides the
/// memory of the bucket rows by about 4 with 2M buckets. Collisions are those of the full
/// `buckets` hash space, as in fastText.
public final class SubwordRowTable {
    public let options: SubwordOptions
    public let words: Int
    public let totalRows: Int
    /// The buckets that have a row, ascending.
    public let usedBuckets: [Int32]
    let offsets: UnsafeMutablePointer<Int>
    let rows: UnsafeMutablePointer<Int32>

    public init(_ index: SubwordIndex) {
        options = index.options
        words = index.wordCount
        totalRows = index.rows.count
        offsets = .allocate(capacity: words + 1)
        rows = .allocate(capacity: max(totalRows, 1))
        for i in 0...words { offsets[i] = index.offsets[i] }
        // Rank of each used bucket (dense scratch over the hash space, released at the end).
        let base = Int32(words)
        var rank = [Int32](repeating: -1, count: options.enabled ? options.buckets : 0)
        for r in index.rows where r >= base { rank[Int(r - base)] = 0 }
        var used: [Int32] = []
        for b in rank.indices where rank[b] == 0 {
            rank[b] = Int32(used.count)
            used.append(Int32(b))
        }
        usedBuckets = used
        for (i, r) in index.rows.enumerated() { rows[i] = r < base ? r : base + rank[Int(r - base)] }
    }

    deinit {
        offsets.deallocate()
        rows.deallocate()
    }

    /// Input rows of the table: the words, then the used buckets.
    public var inputRows: Int { words + usedBuckets.count }

    public var handle: SubwordRows { SubwordRows(offsets: offsets, rows: rows) }

    /// Word `id`'s rows (its own first).
    public func rows(of id: Int) -> UnsafeBufferPointer<Int32> {
        UnsafeBufferPointer(start: rows + offsets[id], count: offsets[id + 1] - offsets[id])
    }

    /// Bytes held (for the memory estimate).
    public var memoryBytes: Int { (words + 1) * 8 + totalRows * 4 + usedBuckets.count * 4 }
}

/// The raw view of a `SubwordRowTable` used in the hot loops (valid while the table lives).
@frozen
public struct SubwordRows: @unchecked Sendable {
    public let offsets: UnsafePointer<Int>
    public let rows: UnsafePointer<Int32>

    @inlinable
    init(offsets: UnsafePointer<Int>, rows: UnsafePointer<Int32>) {
        self.offsets = offsets
        self.rows = rows
    }

    /// The first of word `w`'s rows (its own) and how many rows it has.
    @inlinable @inline(__always)
    public func rows(of w: Int) -> (first: UnsafePointer<Int32>, count: Int) {
        let start = offsets[w]
        return (rows + start, offsets[w &+ 1] &- start)
    }
}

extension VectorKernels {
    /// out = mean of the input rows `rows[0..<count]` (count >= 1) over `stride` floats: the first
    /// row copied, the others added in order, then one scaling, the same arithmetic as
    /// `SubwordVectors.mean`, so a trained table and its model file give the same word vectors.
    @inlinable @inline(__always)
    public static func meanOfRows(_ table: TableHandle, _ rows: UnsafePointer<Int32>, _ count: Int,
                                  into out: UnsafeMutablePointer<Float>) {
        let stride = table.stride
        // Start every row's cache misses at once: the rows are scattered over the bucket table.
        var k = 1
        while k < count {
            table.prefetchInputRow(Int(rows[k]))
            k &+= 1
        }
        copy(table.inputRow(Int(rows[0])), out, stride)
        k = 1
        while k < count {
            axpy(1, table.inputRow(Int(rows[k])), out, stride)
            k &+= 1
        }
        if count > 1 { scale(1 / Float(count), out, stride) }
    }

    /// Adds `alpha * x` to each of the input rows `rows[0..<count]`.
    @inlinable @inline(__always)
    public static func axpyRows(_ alpha: Float, _ x: UnsafePointer<Float>, _ table: TableHandle,
                                _ rows: UnsafePointer<Int32>, _ count: Int) {
        var k = 0
        while k < count {
            axpy(alpha, x, table.inputRow(Int(rows[k])), table.stride)
            k &+= 1
        }
    }
}
