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

/// The auxiliary analogy objective on the INPUT vectors (the ones written out and evaluated).
///
/// With x̂ = x / ‖x‖ for every row involved, the query is v = b̂ − â + ĉ, v̂ = v / ‖v‖, and each
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
/// ∂L/∂â = −g_v; for any row, ∂L/∂x = (h − (h·x̂) x̂) / ‖x‖ with h = ∂L/∂x̂.
///
/// The update of each row is the gradient preconditioned by ‖x‖² (a positive per-row scalar, so
/// still a descent direction): Δx = −η ‖x‖ (h − (h·x̂) x̂). A step then turns a row by about
/// η‖h‖ radians whatever its norm — the raw gradient's 1/‖x‖ would make steps on freshly
/// initialised rows (norm ~10⁻³) thousands of times larger than on trained ones. All deltas are
/// computed from the values before the step (unit copies in the scratch), then added to the
/// shared rows without locks (Hogwild, like the primary updates).
///
/// ## FLOPs per step (D = dim, k = configured negatives; a dot or axpy is 2D, a scale D)
/// - unit copies of the k+4 rows: (k+4)·(2D norm + D scale)       = 3D(k+4)
/// - v = b̂ − â + ĉ, ‖v‖, v̂: 2 axpy + dot + scale                   = 7D
/// - k+1 scores: (k+1)·2D;  g: (k+1) axpys: (k+1)·2D
/// - g_v: dot + axpy + scale                                        = 5D
/// - candidate updates: (k+1)·2 axpys                               = 4D(k+1)
/// - a, b, c updates: 3·(dot + 2 axpys)                             = 18D
/// Total: D·(11k + 50) (the O(k) softmax arithmetic is left out).
public struct AnalogyObjective {
    public let table: TableHandle
    public let negatives: Int
    public let temperature: Float
    /// Negatives are drawn from this distribution over input rows `0 ..< noise.size`.
    public let noise: NoiseDistribution

    public init(table: TableHandle, negatives: Int = 5, temperature: Float = 0.1, noise: NoiseDistribution) {
        precondition(negatives >= 0 && temperature > 0 && noise.size <= table.inputRows)
        self.table = table
        self.negatives = negatives
        self.temperature = temperature
        self.noise = noise
    }

    /// Scratch rows one thread needs: k+4 unit rows, v̂ and g.
    public static func scratchRows(negatives: Int) -> Int { negatives + 6 }

    /// FLOPs of one step (see the type's documentation).
    public static func flopsPerStep(dim: Int, negatives: Int) -> Int { dim * (11 * negatives + 50) }

    public var flopsPerStep: Int { AnalogyObjective.flopsPerStep(dim: table.dim, negatives: negatives) }

    /// Draws the negatives (distinct from a, b, c, d; a draw that hits one is retried a few
    /// times, then dropped), takes one step of size `learningRate` and returns the loss before it.
    @inlinable
    public func step(_ e: AnalogyExample, learningRate: Float, rng: inout Xoshiro256, scratch: AuxiliaryScratch) -> Float {
        let ids = scratch.ids
        var m = 0
        var k = 0
        while k < negatives {
            var tries = 0
            while tries < 8 {
                let n = Int32(truncatingIfNeeded: noise.draw(rng.next()))
                if n != e.a && n != e.b && n != e.c && n != e.d {
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
    /// (a zero row, or v = 0).
    @inlinable
    public func step(_ e: AnalogyExample, negativeCount m: Int, learningRate eta: Float,
                     scratch s: AuxiliaryScratch) -> Float {
        let st = table.stride
        let ids = s.ids
        ids[0] = Int(e.a); ids[1] = Int(e.b); ids[2] = Int(e.c); ids[3] = Int(e.d)
        let n = 4 &+ m
        let norms = s.values
        let coef = s.values + s.rows
        // Unit copies of every row involved.
        var i = 0
        while i < n {
            let x = table.inputRow(ids[i])
            let u = s.row(i)
            let norm = VectorKernels.dot(x, x, st).squareRoot()
            if !(norm > 0) || !norm.isFinite { return 0 }
            norms[i] = norm
            VectorKernels.copy(x, u, st)
            VectorKernels.scale(1 / norm, u, st)
            i &+= 1
        }
        // v̂ = (b̂ − â + ĉ) / ‖·‖
        let v = s.row(negatives &+ 4)
        let g = s.row(negatives &+ 5)
        VectorKernels.copy(s.row(1), v, st)
        VectorKernels.axpy(-1, s.row(0), v, st)
        VectorKernels.axpy(1, s.row(2), v, st)
        let vNorm = VectorKernels.dot(v, v, st).squareRoot()
        if !(vNorm > 0) { return 0 }
        VectorKernels.scale(1 / vNorm, v, st)
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
        // Candidates: Δw = −η ‖w‖ (e_w/τ) (v̂ − s_w ŵ).
        i = 3
        while i < n {
            let c = eta * norms[i] * scores[i]
            let row = table.inputRow(ids[i])
            VectorKernels.axpy(-c, v, row, st)
            VectorKernels.axpy(c * coef[i], s.row(i), row, st)
            i &+= 1
        }
        // a, b, c: h = −g_v, g_v, g_v; Δx = −η ‖x‖ (h − (h·x̂) x̂).
        i = 0
        while i < 3 {
            let sign: Float = i == 0 ? -1 : 1
            let u = s.row(i)
            let hx = sign * VectorKernels.dot(g, u, st)
            let c = eta * norms[i]
            let row = table.inputRow(ids[i])
            VectorKernels.axpy(-c * sign, g, row, st)
            VectorKernels.axpy(c * hx, u, row, st)
            i &+= 1
        }
        return loss
    }
}
