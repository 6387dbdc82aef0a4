import EmbedBase

/// The vector primitives of the hot loops, over rows of `stride` floats (a multiple of 16).
///
/// Each kernel works on whole `SIMD16<Float>` blocks with independent accumulators, so the
/// compiler emits packed vector code (a scalar `s += a[i] * b[i]` loop is not vectorised: strict
/// float order). They take raw pointers and allocate nothing.
/// (`load` / `store`: EmbedBase's `SIMDRowAccess`.)
public enum VectorKernels: SIMDRowAccess {
    /// a · b over `stride` floats.
    @inlinable @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ stride: Int) -> Float {
        var acc0 = SIMD16<Float>(), acc1 = SIMD16<Float>()
        var i = 0
        while i + 32 <= stride {
            acc0 = acc0.addingProduct(load(a + i), load(b + i))
            acc1 = acc1.addingProduct(load(a + i + 16), load(b + i + 16))
            i += 32
        }
        if i < stride { acc0 = acc0.addingProduct(load(a + i), load(b + i)) }
        return (acc0 + acc1).sum()
    }

    /// y += alpha * x over `stride` floats.
    @inlinable @inline(__always)
    public static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ stride: Int) {
        let a = SIMD16<Float>(repeating: alpha)
        var i = 0
        while i < stride {
            store(load(y + i).addingProduct(a, load(x + i)), y + i)
            i += 16
        }
    }

    /// x *= alpha over `stride` floats.
    @inlinable @inline(__always)
    public static func scale(_ alpha: Float, _ x: UnsafeMutablePointer<Float>, _ stride: Int) {
        let a = SIMD16<Float>(repeating: alpha)
        var i = 0
        while i < stride {
            store(load(x + i) * a, x + i)
            i += 16
        }
    }

    /// shared += live − snapshot, then live = snapshot = shared, over `stride` floats (one
    /// row's delta merge, `RowDeltaMerger.exchange`).
    @inlinable @inline(__always)
    public static func exchangeDelta(live: UnsafeMutablePointer<Float>, snapshot: UnsafeMutablePointer<Float>,
                                     shared: UnsafeMutablePointer<Float>, _ stride: Int) {
        var i = 0
        while i < stride {
            let merged = load(shared + i) + (load(live + i) - load(snapshot + i))
            store(merged, shared + i)
            store(merged, live + i)
            store(merged, snapshot + i)
            i += 16
        }
    }

    /// y = x over `stride` floats.
    @inlinable @inline(__always)
    public static func copy(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ stride: Int) {
        var i = 0
        while i < stride {
            store(load(x + i), y + i)
            i += 16
        }
    }

    /// x = 0 over `stride` floats.
    @inlinable @inline(__always)
    public static func zero(_ x: UnsafeMutablePointer<Float>, _ stride: Int) {
        var i = 0
        while i < stride {
            store(SIMD16<Float>(), x + i)
            i += 16
        }
    }

    /// y += Σᵢ c[i * cStep] · xᵢ over `stride` floats, for `count` rows `x[i]`: one pass over y
    /// (read once, written once) instead of `count` axpys. The batched kernels' small GEMM rows.
    @inlinable @inline(__always)
    public static func axpyMany(_ c: UnsafePointer<Float>, _ cStep: Int,
                                _ x: UnsafePointer<UnsafeMutablePointer<Float>>, _ count: Int,
                                _ y: UnsafeMutablePointer<Float>, _ stride: Int) {
        var i = 0
        while i &+ 32 <= stride {
            var acc0 = load(y + i), acc1 = load(y + i + 16)
            var k = 0
            while k < count {
                let ck = SIMD16<Float>(repeating: c[k &* cStep])
                let xk = x[k] + i
                acc0 = acc0.addingProduct(ck, load(xk))
                acc1 = acc1.addingProduct(ck, load(xk + 16))
                k &+= 1
            }
            store(acc0, y + i)
            store(acc1, y + i + 16)
            i &+= 32
        }
        if i < stride {
            var acc = load(y + i)
            var k = 0
            while k < count {
                acc = acc.addingProduct(SIMD16<Float>(repeating: c[k &* cStep]), load(x[k] + i))
                k &+= 1
            }
            store(acc, y + i)
        }
    }
}
