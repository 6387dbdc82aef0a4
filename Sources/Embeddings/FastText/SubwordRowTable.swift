import Corpus

/// Every vocabulary word's input rows (its own row, then its n-gram bucket rows), copied from a
/// `SubwordIndex` into raw memory once before training, so the hot loops read a word's row list
/// through two pointer loads and no array bounds checks or reference counting.
public final class SubwordRowTable {
    public let words: Int
    public let totalRows: Int
    let offsets: UnsafeMutablePointer<Int>
    let rows: UnsafeMutablePointer<Int32>

    public init(_ index: SubwordIndex) {
        words = index.wordCount
        totalRows = index.rows.count
        offsets = .allocate(capacity: words + 1)
        rows = .allocate(capacity: max(totalRows, 1))
        for i in 0...words { offsets[i] = index.offsets[i] }
        index.rows.withUnsafeBufferPointer { rows.update(from: $0.baseAddress!, count: totalRows) }
    }

    deinit {
        offsets.deallocate()
        rows.deallocate()
    }

    public var handle: SubwordRows { SubwordRows(offsets: offsets, rows: rows) }

    /// Bytes held (for the memory estimate).
    public static func memoryBytes(_ index: SubwordIndex) -> Int { (index.wordCount + 1) * 8 + index.rows.count * 4 }
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
