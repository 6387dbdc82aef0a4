import Corpus

/// One lexical constraint: words u and v (input-row ids) should be similar (`attract`: synonyms)
/// or dissimilar (`repel`: antonyms).
@frozen
public struct ConstraintExample: Equatable, Sendable {
    public var u: Int32, v: Int32
    public var attract: Bool
    @inlinable
    public init(u: Int32, v: Int32, attract: Bool) {
        self.u = u
        self.v = v
        self.attract = attract
    }
}

/// The attract-repel objective (in the spirit of counter-fitting, Mrkšić et al. 2016, and
/// Attract-Repel, Mrkšić et al. 2017) on the EVALUATED vectors (`EvaluatedVectors`), with sampled
/// negatives instead of in-batch ones. With c(x, y) the cosine and [z]₊ = max(0, z):
///
/// - attract (u, v), k negatives n_j drawn from `noise` (never u or v, no repeats): the pair must be
///   closer, by a margin δ_att, than each negative is to either word:
///   L = Σ_j [δ_att + c(u, n_j) − c(u, v)]₊ + [δ_att + c(v, n_j) − c(u, v)]₊
/// - repel (u, v): L = [c(u, v) − δ_rep]₊ (antonyms pushed to cosine δ_rep or below).
///
/// Gradients with respect to the unit vectors (a_j, b_j ∈ {0, 1} the active hinges of anchor u, v;
/// A = Σ a_j, B = Σ b_j): h_u = Σ a_j n̂_j − (A + B) v̂, h_v = Σ b_j n̂_j − (A + B) û,
/// h_{n_j} = a_j û + b_j v̂; repel: h_u = v̂, h_v = û. As in the other auxiliary objectives the
/// update of each vector is the gradient preconditioned by ‖x‖²: Δx = −η ‖x‖ (h − (h·x̂) x̂), from
/// the values before the step, retracted onto the old norm (`NormKeepingStep`), added without
/// locks (Hogwild).
///
/// ## FLOPs per step (D = dim, m = negatives drawn)
/// - unit copies of the m+2 vectors: 3D(m+2)
/// - cosines: c(u, v) 2D, c(u, n_j), c(v, n_j): 4Dm
/// - h_u, h_v: 2D·(m + 1) each at most = 4D(m+1) (only active terms are counted)
/// - per updated vector: h (for a negative: two axpys, 4D) + projection (dot, scale, axpy: 5D) +
///   retraction 7D
/// counted step by step as they happen, plus what `EvaluatedVectors` reports for composing the
/// vectors and adding the deltas. Added to `scratch.flops`.
public struct AttractRepelObjective {
    public let vectors: EvaluatedVectors
    public let negatives: Int
    public let attractMargin: Float
    public let repelMargin: Float
    /// Negatives are drawn from this distribution over words `0 ..< noise.size`.
    public let noise: NoiseDistribution

    /// Attract-Repel's margins: δ_att = 0.6, δ_rep = 0.
    public init(vectors: EvaluatedVectors, negatives: Int = 5, attractMargin: Float = 0.6, repelMargin: Float = 0,
                noise: NoiseDistribution) {
        precondition(negatives >= 0 && noise.size <= vectors.words)
        self.vectors = vectors
        self.negatives = negatives
        self.attractMargin = attractMargin
        self.repelMargin = repelMargin
        self.noise = noise
    }

    /// Scratch rows one thread needs: k+2 unit vectors, h_u, h_v and a delta.
    public static func scratchRows(negatives: Int) -> Int { negatives + 5 }

    /// Draws the negatives of an attract constraint (distinct from u, v and each other; a draw that
    /// hits one is retried a few times, then dropped), takes one step and returns the loss before it.
    @inlinable
    public func step(_ e: ConstraintExample, learningRate: Float, rng: inout Xoshiro256, scratch: AuxiliaryScratch) -> Float {
        let ids = scratch.ids
        var m = 0
        if e.attract {
            var k = 0
            while k < negatives {
                var tries = 0
                while tries < 8 {
                    let n = Int32(truncatingIfNeeded: noise.draw(rng.next()))
                    var fresh = n != e.u && n != e.v
                    var j = 0
                    while fresh && j < m {
                        fresh = ids[2 &+ j] != Int(n)
                        j &+= 1
                    }
                    if fresh {
                        ids[2 &+ m] = Int(n)
                        m &+= 1
                        break
                    }
                    tries &+= 1
                }
                k &+= 1
            }
        }
        return step(e, negativeCount: m, learningRate: learningRate, scratch: scratch)
    }

    /// The loss of `e` against the negatives `negativeIds` (no update), for tests and monitoring.
    public func loss(_ e: ConstraintExample, negativeIds: [Int], scratch: AuxiliaryScratch) -> Float {
        precondition(negativeIds.count <= negatives)
        for (i, n) in negativeIds.enumerated() { scratch.ids[2 + i] = n }
        return step(e, negativeCount: negativeIds.count, learningRate: 0, scratch: scratch)
    }

    /// One step with the negatives already in `scratch.ids[2 ..< 2 + negativeCount]` (ignored for a
    /// repel constraint); with a zero learning rate, only the loss. Returns 0 and changes nothing
    /// for a degenerate example (a zero vector, or u = v).
    @inlinable
    public func step(_ e: ConstraintExample, negativeCount: Int, learningRate eta: Float, scratch s: AuxiliaryScratch) -> Float {
        if e.u == e.v { return 0 }
        let st = vectors.stride
        let D = vectors.dim
        let ids = s.ids
        ids[0] = Int(e.u); ids[1] = Int(e.v)
        let m = e.attract ? negativeCount : 0
        let n = 2 &+ m
        let norms = s.values
        let activeU = s.values + s.rows
        let activeV = s.values + 2 &* s.rows
        var flops = 0
        defer { s.flops &+= flops }
        var i = 0
        while i < n {
            let x = s.row(i)
            flops &+= vectors.load(ids[i], into: x)
            let norm = VectorKernels.dot(x, x, st).squareRoot()
            flops &+= 3 &* D
            if !(norm > 0) || !norm.isFinite { return 0 }
            norms[i] = norm
            VectorKernels.scale(1 / norm, x, st)
            i &+= 1
        }
        let u = s.row(0), v = s.row(1)
        let hu = s.row(negatives &+ 2), hv = s.row(negatives &+ 3), delta = s.row(negatives &+ 4)
        let cuv = VectorKernels.dot(u, v, st)
        flops &+= 2 &* D
        var loss: Float = 0
        var active: Float = 0
        VectorKernels.zero(hu, st)
        VectorKernels.zero(hv, st)
        if e.attract {
            i = 2
            while i < n {
                let x = s.row(i)
                let zu = attractMargin + VectorKernels.dot(u, x, st) - cuv
                let zv = attractMargin + VectorKernels.dot(v, x, st) - cuv
                flops &+= 4 &* D
                activeU[i] = zu > 0 ? 1 : 0
                activeV[i] = zv > 0 ? 1 : 0
                if zu > 0 {
                    loss += zu
                    active += 1
                    VectorKernels.axpy(1, x, hu, st)
                    flops &+= 2 &* D
                }
                if zv > 0 {
                    loss += zv
                    active += 1
                    VectorKernels.axpy(1, x, hv, st)
                    flops &+= 2 &* D
                }
                i &+= 1
            }
            if active == 0 || eta == 0 { return loss }
            VectorKernels.axpy(-active, v, hu, st)
            VectorKernels.axpy(-active, u, hv, st)
            flops &+= 4 &* D
        } else {
            let z = cuv - repelMargin
            if !(z > 0) { return 0 }
            loss = z
            if eta == 0 { return loss }
            VectorKernels.copy(v, hu, st)
            VectorKernels.copy(u, hv, st)
        }
        // Negatives first (their h is built in `delta` from û and v̂), then u and v.
        i = 2
        while i < n {
            let a = activeU[i], b = activeV[i]
            if a > 0 || b > 0 {
                VectorKernels.zero(delta, st)
                if a > 0 { VectorKernels.axpy(a, u, delta, st); flops &+= 2 &* D }
                if b > 0 { VectorKernels.axpy(b, v, delta, st); flops &+= 2 &* D }
                flops &+= update(i, h: delta, eta: eta, norm: norms[i], scratch: s)
            }
            i &+= 1
        }
        VectorKernels.copy(hu, delta, st)
        flops &+= update(0, h: delta, eta: eta, norm: norms[0], scratch: s)
        VectorKernels.copy(hv, delta, st)
        flops &+= update(1, h: delta, eta: eta, norm: norms[1], scratch: s)
        return loss
    }

    /// Turns h (in `h`, overwritten) into Δx = −η ‖x‖ (h − (h·x̂) x̂) for scratch vector `i` (x̂ in
    /// row i), retracts it and adds it to the word's vector. Returns its FLOPs.
    @usableFromInline @inline(__always)
    func update(_ i: Int, h: UnsafeMutablePointer<Float>, eta: Float, norm: Float, scratch s: AuxiliaryScratch) -> Int {
        let st = vectors.stride
        let D = vectors.dim
        let x = s.row(i)
        let hx = VectorKernels.dot(h, x, st)
        let c = eta * norm
        VectorKernels.scale(-c, h, st)
        VectorKernels.axpy(c * hx, x, h, st)
        var flops = 5 &* D &+ NormKeepingStep.retract(h, base: x, scale: norm, norm: norm, dim: D, stride: st)
        flops &+= vectors.add(1, h, to: s.ids[i])
        return flops
    }
}
