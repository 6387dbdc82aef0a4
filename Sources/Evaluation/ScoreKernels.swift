import EmbedBase

/// SIMD loops over one question's candidate scores (rows of cosines produced by `cblas_sgemm`);
/// `load` / `store` / `load8` are EmbedBase's `SIMDRowAccess`.
enum ScoreKernels: SIMDRowAccess {
    /// 3CosAdd: out = cos(b) + cos(c) - cos(a) (same ranking as cos(x, b - a + c) for unit rows).
    static func add(a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafePointer<Float>,
                    out: UnsafeMutablePointer<Float>, count n: Int) {
        var i = 0
        while i + 16 <= n {
            store(load(b + i) + load(c + i) - load(a + i), out + i)
            i += 16
        }
        while i < n { out[i] = b[i] + c[i] - a[i]; i += 1 }
    }

    /// 3CosMul (Levy & Goldberg 2014, as gensim's `most_similar_cosmul`): cosines shifted to [0, 1],
    /// out = cos'(b) * cos'(c) / (cos'(a) + 1e-6).
    static func mul(a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafePointer<Float>,
                    out: UnsafeMutablePointer<Float>, count n: Int) {
        let one = SIMD16<Float>(repeating: 1), half = SIMD16<Float>(repeating: 0.5)
        let epsilon = SIMD16<Float>(repeating: 0.000001)
        var i = 0
        while i + 16 <= n {
            let pb = (one + load(b + i)) * half, pc = (one + load(c + i)) * half
            let pa = (one + load(a + i)) * half
            store((pb * pc) / (pa + epsilon), out + i)
            i += 16
        }
        while i < n {
            let pb = (1 + b[i]) * 0.5, pc = (1 + c[i]) * 0.5, pa = (1 + a[i]) * 0.5
            out[i] = (pb * pc) / (pa + 0.000001)
            i += 1
        }
    }

    /// The first index holding the largest value, or nil when every value is -infinity (excluded).
    static func argmax(_ s: UnsafePointer<Float>, count n: Int) -> Int? {
        var best = -Float.infinity
        var i = 0
        if n >= 16 {
            // (`pointwiseMax` is not vectorised by the compiler; compare + select is.)
            var m0 = SIMD16<Float>(repeating: -.infinity), m1 = m0
            while i + 32 <= n {
                let v0 = load(s + i), v1 = load(s + i + 16)
                m0.replace(with: v0, where: v0 .> m0)
                m1.replace(with: v1, where: v1 .> m1)
                i += 32
            }
            if i + 16 <= n { let v = load(s + i); m0.replace(with: v, where: v .> m0); i += 16 }
            m0.replace(with: m1, where: m1 .> m0)
            for k in 0..<16 where m0[k] > best { best = m0[k] }
        }
        while i < n { if s[i] > best { best = s[i] }; i += 1 }
        if best == -.infinity { return nil }
        i = 0
        let target = SIMD16<Float>(repeating: best)
        while i + 16 <= n {
            if any(load(s + i) .== target) { break }
            i += 16
        }
        while i < n { if s[i] == best { return i }; i += 1 }
        return nil
    }
}

/// How three cosine rows (with a, b, c) combine into one analogy score, 8 candidates at a time
/// (8 lanes keep the fused loop's state in registers on plain x86-64 SSE).
protocol ScoreCombiner {
    static func combine(a: SIMD8<Float>, b: SIMD8<Float>, c: SIMD8<Float>) -> SIMD8<Float>
}

/// 3CosAdd: cos b + cos c - cos a.
enum AddCombiner: ScoreCombiner {
    @inline(__always)
    static func combine(a: SIMD8<Float>, b: SIMD8<Float>, c: SIMD8<Float>) -> SIMD8<Float> { b + c - a }
}

/// 3CosMul with gensim's shift to [0, 1] and epsilon 1e-6.
enum MulCombiner: ScoreCombiner {
    @inline(__always)
    static func combine(a: SIMD8<Float>, b: SIMD8<Float>, c: SIMD8<Float>) -> SIMD8<Float> {
        let one = SIMD8<Float>(repeating: 1), half = SIMD8<Float>(repeating: 0.5)
        let pb = (one + b) * half, pc = (one + c) * half, pa = (one + a) * half
        return (pb * pc) / (pa + SIMD8<Float>(repeating: 0.000001))
    }
}

extension ScoreKernels {
    /// One pass over the three cosine rows: the first index of the best combined score, skipping
    /// the `excluded` positions, or nil when nothing is left. Nothing is written to memory.
    @inline(__always)
    static func bestCandidate<C: ScoreCombiner>(_: C.Type, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                                                c: UnsafePointer<Float>, count n: Int, excluded: SIMD3<Int32>) -> Int? {
        let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
        let minusInfinity = SIMD8<Float>(repeating: -.infinity)
        var best = minusInfinity
        var bestIndex = SIMD8<Int32>(repeating: 0)
        var index = lanes
        let step = SIMD8<Int32>(repeating: 8)
        let e0 = Int(excluded.x), e1 = Int(excluded.y), e2 = Int(excluded.z)
        let c0 = e0 & ~7, c1 = e1 & ~7, c2 = e2 & ~7
        var i = 0
        while i + 8 <= n {
            var v = C.combine(a: load8(a + i), b: load8(b + i), c: load8(c + i))
            if i == c0 || i == c1 || i == c2 {
                v.replace(with: minusInfinity, where: index .== Int32(e0) .| index .== Int32(e1) .| index .== Int32(e2))
            }
            let better = v .> best
            best.replace(with: v, where: better)
            bestIndex.replace(with: index, where: better)
            index &+= step
            i += 8
        }
        var bestValue = -Float.infinity
        var bestAt = Int32.max
        for k in 0..<8 where best[k] > bestValue || (best[k] == bestValue && bestIndex[k] < bestAt) {
            bestValue = best[k]; bestAt = bestIndex[k]
        }
        // Tail, in order after every full chunk (ties keep the earlier index).
        while i < n {
            if i != e0 && i != e1 && i != e2 {
                var va = SIMD8<Float>(), vb = va, vc = va
                va[0] = a[i]; vb[0] = b[i]; vc[0] = c[i]
                let v = C.combine(a: va, b: vb, c: vc)[0]
                if v > bestValue { bestValue = v; bestAt = Int32(i) }
            }
            i += 1
        }
        return bestValue == -.infinity ? nil : Int(bestAt)
    }
}
