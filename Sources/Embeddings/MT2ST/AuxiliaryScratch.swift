/// One worker thread's scratch memory for the auxiliary objectives: `rows` vectors of `stride`
/// floats, 64-byte aligned, allocated once and reused by every step (the steps allocate nothing).
/// Never shared between threads.
public final class AuxiliaryScratch {
    public let stride: Int
    public let rows: Int
    public let base: UnsafeMutablePointer<Float>
    /// Row ids of the current example (a, b, c, d, negatives).
    public let ids: UnsafeMutablePointer<Int>
    /// Per-row numbers of the current example (norms, scores, coefficients): 4 × `rows`.
    public let values: UnsafeMutablePointer<Float>
    /// FLOPs of the steps taken with this scratch (each objective adds its own).
    public var flops = 0

    public init(stride: Int, rows: Int) {
        precondition(stride > 0 && stride % 16 == 0 && rows > 0)
        self.stride = stride
        self.rows = rows
        let raw = UnsafeMutableRawPointer.allocate(byteCount: rows * stride * 4, alignment: 64)
        raw.initializeMemory(as: Float.self, repeating: 0, count: rows * stride)
        base = raw.assumingMemoryBound(to: Float.self)
        ids = .allocate(capacity: rows)
        ids.initialize(repeating: 0, count: rows)
        values = .allocate(capacity: 4 * rows)
        values.initialize(repeating: 0, count: 4 * rows)
    }

    /// Scratch sized for the analogy objective with `negatives` negatives and the similarity one.
    public convenience init(stride: Int, negatives: Int) {
        self.init(stride: stride, rows: max(AnalogyObjective.scratchRows(negatives: negatives), SimilarityObjective.scratchRows))
    }

    @inlinable @inline(__always)
    public func row(_ i: Int) -> UnsafeMutablePointer<Float> {
        #if DEBUG
        assert(i >= 0 && i < rows)
        #endif
        return base + i &* stride
    }

    deinit {
        UnsafeMutableRawPointer(base).deallocate()
        ids.deallocate()
        values.deallocate()
    }
}
