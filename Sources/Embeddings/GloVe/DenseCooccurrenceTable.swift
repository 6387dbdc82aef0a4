#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The co-occurrence counts of the frequent pairs, as a dense triangular-ish array: row i (word
/// of frequency rank i) holds the columns j with (i+1)(j+1) <= maxProduct, so the pairs that take
/// most increments of a Zipfian corpus are counted with one add and no lookup. The layout is
/// row-major, hence already sorted by (i, j) for the merge.
struct DenseCooccurrenceTable {
    let maxProduct: Int
    let vocabularySize: Int
    /// offsets[i] = first cell of row i; offsets[V] = number of cells.
    let offsets: UnsafeMutablePointer<Int>
    let cells: UnsafeMutablePointer<UInt64>
    let cellCount: Int

    init(maxProduct: Int, vocabularySize v: Int) {
        self.maxProduct = maxProduct
        vocabularySize = v
        offsets = .allocate(capacity: v + 1)
        var total = 0
        for i in 0..<v {
            offsets[i] = total
            total += min(v, maxProduct / (i + 1))
        }
        offsets[v] = total
        cellCount = total
        // calloc: untouched pages stay unallocated, so rare rows cost nothing until used.
        guard let raw = calloc(max(total, 1), 8) else {
            fatalError("out of memory: cannot allocate the \(total * 8)-byte dense co-occurrence table")
        }
        cells = raw.assumingMemoryBound(to: UInt64.self)
    }

    func release() {
        offsets.deallocate()
        free(cells)
    }

    /// True if (i, j) (equivalently (j, i)) lives in the dense table.
    @inline(__always)
    func holds(_ i: UInt32, _ j: UInt32) -> Bool {
        (Int(i) &+ 1) &* (Int(j) &+ 1) <= maxProduct
    }

    @inline(__always)
    func add(_ i: UInt32, _ j: UInt32, _ weight: UInt64) {
        cells[offsets[Int(i)] &+ Int(j)] &+= weight
    }

    /// Writes the non-zero cells from cell `start` on, in (i, j) order, into `out` (at most
    /// `capacity`); returns how many were written and the cell to resume from.
    func fill(_ out: UnsafeMutablePointer<CooccurrenceCount>, capacity: Int, from start: (row: Int, cell: Int))
        -> (written: Int, next: (row: Int, cell: Int)) {
        var row = start.row, cell = start.cell, n = 0
        while row < vocabularySize && n < capacity {
            let end = offsets[row + 1]
            if cell >= end { row += 1; continue }
            let base = offsets[row]
            let rowKey = UInt64(row) << 32
            while cell < end && n < capacity {
                let c = cells[cell]
                if c != 0 {
                    out[n] = CooccurrenceCount(key: rowKey | UInt64(cell - base), count: c)
                    n += 1
                }
                cell += 1
            }
        }
        return (n, (row, cell))
    }
}
