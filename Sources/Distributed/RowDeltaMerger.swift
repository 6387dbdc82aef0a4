#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Merges the changes several copies of a matrix made to their rows since the last merge,
/// without losing updates: a copy of each row as of the last merge (`snapshot`) gives this
/// copy's change, delta = row − snapshot; the deltas of all copies are summed elsewhere (an
/// all-reduce, or another thread's cache), and `apply` adds the others' share to the live row
/// (row += sum − own delta) and moves the snapshot by the whole sum. Writes made to the live row
/// between `collect` and `apply` (Hogwild workers keep training) are kept and show up in the next
/// delta. Summing changes rather than averaging weights keeps a row that only one copy touched at
/// full strength (averaging would divide its update by the number of copies).
///
/// Rows live at `base + r * stride` (`dim` floats used); deltas are packed, `dim` floats per row.
public final class RowDeltaMerger: @unchecked Sendable {
    public let base: UnsafeMutablePointer<Float>
    public let rows: Int
    public let dim: Int
    public let stride: Int
    private let snapshot: UnsafeMutablePointer<Float>

    /// Bytes of the snapshot for `rows` rows of `dim` floats.
    public static func memoryEstimate(rows: Int, dim: Int) -> Int { rows * dim * MemoryLayout<Float>.size }

    /// Takes the snapshot of the current rows.
    public init(base: UnsafeMutablePointer<Float>, rows: Int, dim: Int, stride: Int) {
        precondition(rows >= 0 && dim > 0 && stride >= dim)
        self.base = base
        self.rows = rows
        self.dim = dim
        self.stride = stride
        snapshot = .allocate(capacity: max(rows * dim, 1))
        for r in 0..<rows { (snapshot + r * dim).update(from: base + r * stride, count: dim) }
    }

    deinit { snapshot.deallocate() }

    /// Writes the delta of each row in `rows` (in that order) to `deltas`, `dim` floats per row.
    public func collect<C: Collection>(_ rows: C, into deltas: UnsafeMutablePointer<Float>) where C.Element == Int {
        var out = deltas
        for r in rows {
            let live = base + r * stride, old = snapshot + r * dim
            for j in 0..<dim { out[j] = live[j] - old[j] }
            out += dim
        }
    }

    /// Applies `merged` (the sum of every copy's delta of `rows`), given this copy's own deltas
    /// `own` as `collect` wrote them.
    public func apply<C: Collection>(_ rows: C, merged: UnsafePointer<Float>, own: UnsafePointer<Float>) where C.Element == Int {
        var m = merged, o = own
        for r in rows {
            let live = base + r * stride, old = snapshot + r * dim
            for j in 0..<dim {
                live[j] += m[j] - o[j]
                old[j] += m[j]
            }
            m += dim
            o += dim
        }
    }
}
