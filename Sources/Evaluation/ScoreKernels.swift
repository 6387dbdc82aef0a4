/// SIMD loops over one question's candidate scores (rows of cosines produced by `cblas_sgemm`).
enum ScoreKernels {
    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always) static func store(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
    }

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
