/// Merges the changes several copies of a matrix made to their rows since the last merge,
/// without losing updates: a copy of each row as of the last merge (`snapshot`) gives this
/// copy's change, delta = row − snapshot. Two ways to combine the copies' deltas use it:
///
/// - between processes (`Distributed`): `collect` the deltas, sum them over all copies (an
///   all-reduce), and `apply` adds the others' share to the live row (row += sum − own delta) and
///   moves the snapshot by the whole sum. Writes made to the live row between `collect` and
///   `apply` (Hogwild workers keep training) are kept and show up in the next delta.
/// - between a worker thread's cache of hot rows and the shared table (`HotRowCache`):
///   `exchange` adds this copy's delta to the shared row and takes the shared row (with the other
///   threads' merged deltas) as the new live row and snapshot.
///
/// Summing changes rather than averaging weights keeps a row that only one copy touched at full
/// strength (averaging would divide its update by the number of copies).
///
/// Rows live at `base + r * stride` (`dim` floats used), the snapshot likewise; deltas are packed,
/// `dim` floats per row.
public final class RowDeltaMerger: @unchecked Sendable {
    public let base: UnsafeMutablePointer<Float>
    public let rows: Int
    public let dim: Int
    public let stride: Int
    private let snapshot: UnsafeMutablePointer<Float>

    /// Bytes of the snapshot for `rows` rows of `stride` floats.
    public static func memoryEstimate(rows: Int, dim: Int, stride: Int? = nil) -> Int {
        rows * (stride ?? dim) * MemoryLayout<Float>.size
    }

    /// Takes the snapshot of the current rows.
    public init(base: UnsafeMutablePointer<Float>, rows: Int, dim: Int, stride: Int) {
        precondition(rows >= 0 && dim > 0 && stride >= dim)
        self.base = base
        self.rows = rows
        self.dim = dim
        self.stride = stride
        snapshot = EmbeddingTable.allocateAligned(max(rows * stride, 1))
        for r in 0..<rows { (snapshot + r * stride).update(from: base + r * stride, count: dim) }
    }

    deinit { EmbeddingTable.freeAligned(snapshot, count: max(rows * stride, 1)) }

    /// Writes the delta of each row in `rows` (in that order) to `deltas`, `dim` floats per row.
    public func collect<C: Collection>(_ rows: C, into deltas: UnsafeMutablePointer<Float>) where C.Element == Int {
        var out = deltas
        for r in rows {
            let live = base + r * stride, old = snapshot + r * stride
            for j in 0..<dim { out[j] = live[j] - old[j] }
            out += dim
        }
    }

    /// Applies `merged` (the sum of every copy's delta of `rows`), given this copy's own deltas
    /// `own` as `collect` wrote them.
    public func apply<C: Collection>(_ rows: C, merged: UnsafePointer<Float>, own: UnsafePointer<Float>) where C.Element == Int {
        var m = merged, o = own
        for r in rows {
            let live = base + r * stride, old = snapshot + r * stride
            for j in 0..<dim {
                live[j] += m[j] - o[j]
                old[j] += m[j]
            }
            m += dim
            o += dim
        }
    }

    /// For rows `0 ..< count`: adds this copy's delta to the shared row (`shared + r * stride`;
    /// Hogwild: no lock, so another thread's exchange of the same row at the same moment can lose
    /// one of the two adds, like any Hogwild race), then makes the shared row the live row and the
    /// snapshot.
    public func exchange(count: Int, shared: UnsafeMutablePointer<Float>) {
        precondition(count <= rows && stride % 16 == 0, "whole SIMD rows (an EmbeddingTable's stride)")
        for r in 0..<count {
            VectorKernels.exchangeDelta(live: base + r * stride, snapshot: snapshot + r * stride, shared: shared + r * stride, stride)
        }
    }

    /// Makes rows `0 ..< count` of the live copy and of the snapshot equal to the shared rows.
    public func refresh(count: Int, shared: UnsafePointer<Float>) {
        precondition(count <= rows && stride % 16 == 0, "whole SIMD rows (an EmbeddingTable's stride)")
        for r in 0..<count {
            VectorKernels.copy(shared + r * stride, base + r * stride, stride)
            VectorKernels.copy(shared + r * stride, snapshot + r * stride, stride)
        }
    }
}
