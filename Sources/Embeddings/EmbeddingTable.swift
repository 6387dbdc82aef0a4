import Corpus
import CPrefetch
#if canImport(Glibc)
import Glibc
#endif

/// The one embedding table every trainer and auxiliary objective shares.
///
/// Two matrices of `Float` rows: input vectors (words, then subword buckets for FastText) and
/// output/context vectors. Rows are `stride` floats apart, `stride` being `dim` rounded up to a
/// multiple of 16 (64 bytes), and both matrices are 64-byte aligned, so every row starts on a
/// cache line and the SIMD kernels in `VectorKernels` can run over whole `SIMD16<Float>` blocks
/// with no remainder loop: the padding floats are zero and stay zero, since every update is a
/// linear combination of rows.
///
/// ## Access (the raw memory is fenced)
/// The table's memory is reached only through handles that live inside closures, as
/// swift-collections' `Deque` does: `read { rows in ... }` (a read-only `TableRows`, for writers,
/// model files and evaluators) and `update { handle in ... }` (a `TableHandle`). Inside this
/// module the trainers hold a `TableHandle` for the length of a run (`handle`); no public
/// property exposes the pointers.
///
/// ## Concurrency (Hogwild)
/// Worker threads read and write rows through `TableHandle` without locks, as word2vec and
/// fastText do: concurrent updates of the same row may interleave or lose an increment, which
/// the sparse SGD tolerates.
public final class EmbeddingTable {
    public let dim: Int
    public let stride: Int
    public let inputRows: Int
    public let outputRows: Int
    @usableFromInline let input: UnsafeMutablePointer<Float>
    @usableFromInline let output: UnsafeMutablePointer<Float>

    /// Rounds `dim` up to a whole number of 16-float blocks.
    public static func stride(for dim: Int) -> Int { (dim + 15) / 16 * 16 }

    /// Bytes the table will allocate, for the memory estimate printed before allocating.
    public static func memoryEstimate(inputRows: Int, outputRows: Int, dim: Int) -> Int {
        (inputRows + outputRows) * stride(for: dim) * MemoryLayout<Float>.size
    }

    public init(inputRows: Int, outputRows: Int, dim: Int) {
        precondition(dim > 0 && inputRows > 0 && outputRows >= 0)
        self.dim = dim
        self.stride = EmbeddingTable.stride(for: dim)
        self.inputRows = inputRows
        self.outputRows = outputRows
        input = EmbeddingTable.allocateZeroed(inputRows * stride)
        output = EmbeddingTable.allocateZeroed(max(outputRows, 1) * stride)
    }

    deinit {
        EmbeddingTable.freeAligned(input, count: inputRows * stride)
        EmbeddingTable.freeAligned(output, count: max(outputRows, 1) * stride)
    }

    /// Zeroed, 64-byte aligned memory for `count` floats (scratch vectors of the workers too);
    /// release it with `freeAligned` and the same count.
    static func allocateAligned(_ count: Int) -> UnsafeMutablePointer<Float> { allocateZeroed(max(count, 1)) }

    static func freeAligned(_ p: UnsafeMutablePointer<Float>, count: Int) {
        HugePages.release(p, bytes: max(count, 1) * MemoryLayout<Float>.size)
    }

    /// 64-byte aligned (2 MiB aligned with transparent huge pages when large: rows are accessed
    /// at random, and TLB misses would dominate otherwise).
    private static func allocateZeroed(_ count: Int) -> UnsafeMutablePointer<Float> {
        HugePages.allocateZeroed(bytes: count * MemoryLayout<Float>.size).bindMemory(to: Float.self, capacity: count)
    }

    /// word2vec's initialisation: input rows uniform in (-0.5/dim, 0.5/dim), output rows zero.
    /// Reproducible from `seed` whatever the thread count (one generator, row order).
    public func initializeWord2Vec(seed: UInt64, rows: Range<Int>? = nil, scale: Float? = nil) {
        let range = rows ?? 0..<inputRows
        let s = scale ?? 1 / Float(dim)
        var rng = Xoshiro256(seed: seed, stream: 0x1417)
        for r in range {
            let row = input + r * stride
            for j in 0..<dim { row[j] = (rng.unitFloat() - 0.5) * s }
        }
        memset(output, 0, max(outputRows, 1) * stride * MemoryLayout<Float>.size)
    }

    /// Uniform initialisation of both matrices in (-0.5/dim, 0.5/dim) (GloVe's).
    public func initializeUniformBoth(seed: UInt64) {
        var rng = Xoshiro256(seed: seed, stream: 0x6107e)
        let s = 1 / Float(dim)
        for (base, rows) in [(input, inputRows), (output, outputRows)] {
            for r in 0..<rows {
                let row = base + r * stride
                for j in 0..<dim { row[j] = (rng.unitFloat() - 0.5) * s }
            }
        }
    }

    /// The raw view used by the hot loops of this module's trainers (valid while the table lives).
    @usableFromInline var handle: TableHandle {
        TableHandle(input: input, output: output, dim: dim, stride: stride,
                    inputRows: inputRows, outputRows: outputRows)
    }

    /// Calls `body` with a read-only view of the rows (valid only inside `body`).
    @inlinable
    public func read<R>(_ body: (TableRows) throws -> R) rethrows -> R { try body(TableRows(handle)) }

    /// Calls `body` with the writable raw view (valid only inside `body`).
    @inlinable
    public func update<R>(_ body: (TableHandle) throws -> R) rethrows -> R { try body(handle) }

    /// Sets every float of both matrices, padding included, to `value` (AdaGrad sums start at 1).
    func fill(_ value: Float) {
        input.update(repeating: value, count: inputRows * stride)
        output.update(repeating: value, count: max(outputRows, 1) * stride)
    }

    /// A copy of input row `r` (first `dim` floats), for writers and tests.
    public func inputVector(_ r: Int) -> [Float] {
        precondition(r >= 0 && r < inputRows)
        return Array(UnsafeBufferPointer(start: input + r * stride, count: dim))
    }

    public func outputVector(_ r: Int) -> [Float] {
        precondition(r >= 0 && r < outputRows)
        return Array(UnsafeBufferPointer(start: output + r * stride, count: dim))
    }

    /// True if any input or output float is NaN or infinite.
    public func containsNonFinite() -> Bool {
        for (base, rows) in [(input, inputRows), (output, outputRows)] {
            for i in 0..<(rows * stride) where !base[i].isFinite { return true }
        }
        return false
    }
}

/// A tiny copyable view of an `EmbeddingTable`'s memory for the hot loops: raw pointers and
/// sizes, no reference counting. Bounds are asserted in DEBUG builds only. Valid as long as the
/// table it came from is alive (trainers keep the table alive for the whole run).
@frozen
public struct TableHandle: @unchecked Sendable {
    public let input: UnsafeMutablePointer<Float>
    public let output: UnsafeMutablePointer<Float>
    public let dim: Int
    public let stride: Int
    public let inputRows: Int
    public let outputRows: Int

    @inlinable
    public init(input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>, dim: Int, stride: Int,
                inputRows: Int, outputRows: Int) {
        self.input = input
        self.output = output
        self.dim = dim
        self.stride = stride
        self.inputRows = inputRows
        self.outputRows = outputRows
    }

    @inlinable @inline(__always)
    public func inputRow(_ r: Int) -> UnsafeMutablePointer<Float> {
        #if DEBUG
        assert(r >= 0 && r < inputRows, "input row \(r) out of 0..<\(inputRows)")
        #endif
        return input + r &* stride
    }

    /// Starts loading output row `r` into the cache (a hint: rows drawn at random, such as
    /// negative samples, are prefetched one step ahead so their cache misses overlap work).
    @inlinable @inline(__always)
    public func prefetchOutputRow(_ r: Int) {
        mt2st_prefetch_lines(output + r &* stride, dim &* 4)
    }

    /// Starts loading input row `r` into the cache (FastText's n-gram rows, read at random).
    @inlinable @inline(__always)
    public func prefetchInputRow(_ r: Int) {
        mt2st_prefetch_lines(input + r &* stride, dim &* 4)
    }

    @inlinable @inline(__always)
    public func outputRow(_ r: Int) -> UnsafeMutablePointer<Float> {
        #if DEBUG
        assert(r >= 0 && r < outputRows, "output row \(r) out of 0..<\(outputRows)")
        #endif
        return output + r &* stride
    }
}

/// A read-only view of an `EmbeddingTable`'s rows, handed to `EmbeddingTable.read`'s closure.
@frozen
public struct TableRows {
    @usableFromInline let handle: TableHandle

    @inlinable init(_ handle: TableHandle) { self.handle = handle }

    @inlinable public var dim: Int { handle.dim }
    @inlinable public var stride: Int { handle.stride }
    @inlinable public var inputRows: Int { handle.inputRows }
    @inlinable public var outputRows: Int { handle.outputRows }

    @inlinable @inline(__always)
    public func inputRow(_ r: Int) -> UnsafePointer<Float> { UnsafePointer(handle.inputRow(r)) }

    @inlinable @inline(__always)
    public func outputRow(_ r: Int) -> UnsafePointer<Float> { UnsafePointer(handle.outputRow(r)) }
}
