import Corpus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One auxiliary analogy example: a is to b as c is to d (input-row ids).
@frozen
public struct AnalogyExample: Equatable, Sendable {
    public var a: Int32, b: Int32, c: Int32, d: Int32
    @inlinable
    public init(a: Int32, b: Int32, c: Int32, d: Int32) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }
}

/// The auxiliary analogy objective on the EVALUATED vectors (`EvaluatedVectors`: the input rows
/// for Skip-Gram/CBOW, the subword mean for FastText, W + W~ for GloVe).
///
/// With x̂ = x / ‖x‖ for every vector involved, the query is v = b̂ − â + ĉ, v̂ = v / ‖v‖, and each
/// candidate w ∈ {d, n₁ … n_k} (k negatives drawn from `noise`, never a, b, c or d) gets the
/// score s_w = v̂ · ŵ — the cosine that 3CosAdd evaluation ranks by. The loss is a sampled softmax
/// with temperature τ:
///
///     L = −log( exp(s_d / τ) / Σ_w exp(s_w / τ) )
///
/// bounded gradients (cosines lie in [−1, 1]) and purely relative: it ranks d above the negatives
/// without pushing random words to cosine −1, as a per-candidate logistic loss would.
///
/// Gradients, with e_w = p_w − [w = d] (p the softmax): ∂L/∂ŵ = (e_w/τ) v̂ for a candidate,
/// g = ∂L/∂v̂ = Σ_w (e_w/τ) ŵ, ∂L/∂v = (g − (g·v̂) v̂) / ‖v‖ =: g_v, and ∂L/∂b̂ = ∂L/∂ĉ = g_v,
/// ∂L/∂â = −g_v; for any vector, ∂L/∂x = (h − (h·x̂) x̂) / ‖x‖ with h = ∂L/∂x̂.
///
/// The update of each vector is the gradient preconditioned by ‖x‖² (a positive per-vector
/// scalar, so still a descent direction): Δx = −η ‖x‖ (h − (h·x̂) x̂). A step then turns a vector
/// by about η‖h‖ radians whatever its norm — the raw gradient's 1/‖x‖ would make steps on freshly
/// initialised rows (norm ~10⁻³) thousands of times larger than on trained ones — and is then
/// retracted onto the vector's old norm (`NormKeepingStep`: a rotation, so repeated steps cannot
/// inflate the vectors). All deltas are computed from the values before the step (unit copies in
/// the scratch), then added to the shared rows without locks (Hogwild, like the primary updates).
///
/// ## FLOPs per step (D = dim, k = negatives drawn; a dot or axpy is 2D, a scale D)
/// - unit copies of the k+4 vectors: (k+4)·(2D norm + D scale)      = 3D(k+4)
/// - v = b̂ − â + ĉ, ‖v‖, v̂: 2 axpy + dot + scale                    = 7D
/// - k+1 scores: (k+1)·2D;  g: (k+1) axpys: (k+1)·2D
/// - g_v: dot + axpy + scale                                         = 5D
/// - candidate deltas: (k+1)·(scale + axpy)                          = 3D(k+1)
/// - a, b, c deltas: 3·(dot + scale + axpy)                          = 15D
/// - norm-keeping retraction of the k+4 deltas: 7D each              = 7D(k+4)
/// Sum: D·(17k + 74), plus what `EvaluatedVectors` reports for composing the k+4 vectors and
/// adding their deltas (for plain input rows: no composition, an axpy each: D·(19k + 82) in all).
/// The step adds its count to `scratch.flops`. The O(k) softmax arithmetic is left out.
public struct AnalogyObjective {
    public let vectors: EvaluatedVectors
    public let negatives: Int
    public let temperature: Float
    /// Negatives are drawn from this distribution over words `0 ..< noise.size`.
    public let noise: NoiseDistribution

    public init(vectors: EvaluatedVectors, negatives: Int = 5, temperature: Float = 0.1, noise: NoiseDistribution) {
        precondition(negatives >= 0 && temperature > 0 && noise.size <= vectors.words)
        self.vectors = vectors
        self.negatives = negatives
        self.temperature = temperature
        self.noise = noise
    }

    /// Scratch rows one thread needs: k+4 unit vectors, v̂, g and a delta.
    public static func scratchRows(negatives: Int) -> Int { negatives + 7 }

    /// FLOPs of a step on plain input rows with k negatives (see the type's documentation).
    public static func flopsPerStep(dim: Int, negatives: Int) -> Int { dim * (19 * negatives + 82) }

    /// Draws the negatives (distinct from a, b, c, d and from each other, so that no vector gets
    /// two updates computed from the same old value; a draw that hits one is retried a few times,
    /// then dropped), takes one step of size `learningRate` and returns the loss before it.
    @inlinable
    public func step(_ e: AnalogyExample, learningRate: Float, rng: inout Xoshiro256, scratch: AuxiliaryScratch) -> Float {
        let ids = scratch.ids
        var m = 0
        var k = 0
        while k < negatives {
            var tries = 0
            while tries < 8 {
                let n = Int32(truncatingIfNeeded: noise.draw(rng.next()))
                var fresh = n != e.a && n != e.b && n != e.c && n != e.d
                var j = 0
                while fresh && j < m {
                    fresh = ids[4 &+ j] != Int(n)
                    j &+= 1
                }
                if fresh {
                    ids[4 &+ m] = Int(n)
                    m &+= 1
                    break
                }
                tries &+= 1
            }
            k &+= 1
        }
        return step(e, negativeCount: m, learningRate: learningRate, scratch: scratch)
    }

    /// The loss of `e` against the negatives `negativeIds` (no update), for tests and monitoring.
    public func loss(_ e: AnalogyExample, negativeIds: [Int], scratch: AuxiliaryScratch) -> Float {
        precondition(negativeIds.count <= negatives)
        for (i, n) in negativeIds.enumerated() { scratch.ids[4 + i] = n }
        return step(e, negativeCount: negativeIds.count, learningRate: 0, scratch: scratch)
    }

    /// One step with the negatives already in `scratch.ids[4 ..< 4 + negativeCount]`; with a zero
    /// learning rate, only the loss. Returns 0 (and changes nothing) for a degenerate example
    /// (a zero vector, or v = 0).
    @inlinable
    public func step(_ e: AnalogyExample, negativeCount m: Int, learningRate eta: Float,
                     scratch s: AuxiliaryScratch) -> Float {
        let st = vectors.stride
        let D = vectors.dim
        let ids = s.ids
        ids[0] = Int(e.a); ids[1] = Int(e.b); ids[2] = Int(e.c); ids[3] = Int(e.d)
        let n = 4 &+ m
        let norms = s.values
        let coef = s.values + s.rows
        var flops = 0
        defer { s.flops &+= flops }
        // Unit copies of every vector involved.
        var i = 0
        while i < n {
            let u = s.row(i)
            flops &+= vectors.load(ids[i], into: u)
            let norm = VectorKernels.dot(u, u, st).squareRoot()
            flops &+= 2 &* D
            if !(norm > 0) || !norm.isFinite { return 0 }
            norms[i] = norm
            VectorKernels.scale(1 / norm, u, st)
            flops &+= D
            i &+= 1
        }
        // v̂ = (b̂ − â + ĉ) / ‖·‖
        let v = s.row(negatives &+ 4)
        let g = s.row(negatives &+ 5)
        let delta = s.row(negatives &+ 6)
        VectorKernels.copy(s.row(1), v, st)
        VectorKernels.axpy(-1, s.row(0), v, st)
        VectorKernels.axpy(1, s.row(2), v, st)
        let vNorm = VectorKernels.dot(v, v, st).squareRoot()
        flops &+= 6 &* D
        if !(vNorm > 0) { return 0 }
        VectorKernels.scale(1 / vNorm, v, st)
        flops &+= D
        // Scores (cosines) of the candidates, softmax with temperature.
        let invT = 1 / temperature
        var maxZ = -Float.infinity
        i = 3
        while i < n {
            let sw = VectorKernels.dot(v, s.row(i), st)
            coef[i] = sw
            maxZ = max(maxZ, sw * invT)
            i &+= 1
        }
        flops &+= (n &- 3) &* 2 &* D
        var total: Float = 0
        i = 3
        while i < n {
            total += expf(coef[i] * invT - maxZ)
            i &+= 1
        }
        let loss = -(coef[3] * invT - maxZ) + logf(total)
        if eta == 0 { return loss }
        // g = Σ (e_w / τ) ŵ, then g_v = (g − (g·v̂) v̂) / ‖v‖.
        let scores = s.values + 2 &* s.rows
        VectorKernels.zero(g, st)
        i = 3
        while i < n {
            let p = expf(coef[i] * invT - maxZ) / total
            let ew = (i == 3 ? p - 1 : p) * invT
            scores[i] = ew
            VectorKernels.axpy(ew, s.row(i), g, st)
            i &+= 1
        }
        let gv = VectorKernels.dot(g, v, st)
        VectorKernels.axpy(-gv, v, g, st)
        VectorKernels.scale(1 / vNorm, g, st)
        flops &+= (n &- 3) &* 2 &* D &+ 5 &* D
        // Candidates: Δw = −η ‖w‖ (e_w/τ) (v̂ − s_w ŵ).
        i = 3
        while i < n {
            let c = eta * norms[i] * scores[i]
            VectorKernels.copy(v, delta, st)
            VectorKernels.scale(-c, delta, st)
            VectorKernels.axpy(c * coef[i], s.row(i), delta, st)
            flops &+= 3 &* D &+ NormKeepingStep.retract(delta, base: s.row(i), scale: norms[i], norm: norms[i], dim: D, stride: st)
            flops &+= vectors.add(1, delta, to: ids[i])
            i &+= 1
        }
        // a, b, c: h = −g_v, g_v, g_v; Δx = −η ‖x‖ (h − (h·x̂) x̂).
        i = 0
        while i < 3 {
            let sign: Float = i == 0 ? -1 : 1
            let u = s.row(i)
            let hx = sign * VectorKernels.dot(g, u, st)
            let c = eta * norms[i]
            VectorKernels.copy(g, delta, st)
            VectorKernels.scale(-c * sign, delta, st)
            VectorKernels.axpy(c * hx, u, delta, st)
            flops &+= 5 &* D &+ NormKeepingStep.retract(delta, base: u, scale: norms[i], norm: norms[i], dim: D, stride: st)
            flops &+= vectors.add(1, delta, to: ids[i])
            i &+= 1
        }
        return loss
    }
}
