/// One auxiliary similarity example: input rows u and v and the target cosine (a human score
/// rescaled, e.g. to [0, 1]).
@frozen
public struct SimilarityExample: Equatable, Sendable {
    public var u: Int32, v: Int32
    public var target: Float
    @inlinable
    public init(u: Int32, v: Int32, target: Float) {
        self.u = u
        self.v = v
        self.target = target
    }
}

/// The auxiliary similarity objective on the EVALUATED vectors (`EvaluatedVectors`):
/// L = ½ (cos(x, y) − t)², with x, y the vectors of u and v and t the target.
///
/// With r = cos − t: ∂L/∂x = r (ŷ − cos x̂) / ‖x‖ (and symmetrically for y). As for the analogy
/// objective the step is preconditioned by ‖x‖² so it turns a vector by about η·r radians
/// whatever its norm: Δx = −η r (‖x‖/‖y‖) y + η r cos x, Δy = −η r (‖y‖/‖x‖) x + η r cos y (both
/// from the values before the step, copied into the scratch), each retracted onto the vector's old
/// norm (`NormKeepingStep`). No locks (Hogwild).
///
/// ## FLOPs per step (D = dim)
/// three dots (‖x‖², ‖y‖², x·y) 6D, then for each vector its delta, a scale (D) and an axpy (2D),
/// and its retraction (7D): 20D; 26D in all, plus what `EvaluatedVectors` reports for composing the
/// two vectors and adding their deltas (plain input rows: an axpy each, 30D in all). Added to
/// `scratch.flops`.
public struct SimilarityObjective {
    public let vectors: EvaluatedVectors

    public init(vectors: EvaluatedVectors) { self.vectors = vectors }

    /// FLOPs of a step on plain input rows.
    public static func flopsPerStep(dim: Int) -> Int { 30 * dim }

    /// Scratch rows one thread needs: x, y and a delta.
    public static let scratchRows = 3

    /// One step of size `learningRate` (0: loss only); returns the loss before the step, 0 for a
    /// zero vector.
    @inlinable
    public func step(_ e: SimilarityExample, learningRate eta: Float, scratch s: AuxiliaryScratch) -> Float {
        let st = vectors.stride
        let D = vectors.dim
        let x = s.row(0), y = s.row(1), delta = s.row(2)
        var flops = vectors.load(Int(e.u), into: x) &+ vectors.load(Int(e.v), into: y)
        defer { s.flops &+= flops }
        let nx = VectorKernels.dot(x, x, st).squareRoot()
        let ny = VectorKernels.dot(y, y, st).squareRoot()
        let cosine = VectorKernels.dot(x, y, st) / (nx * ny)
        flops &+= 6 &* D
        if !(nx > 0) || !(ny > 0) { return 0 }
        let r = cosine - e.target
        let loss = 0.5 * r * r
        if eta == 0 || e.u == e.v { return loss }
        let keep = eta * r * cosine
        VectorKernels.copy(x, delta, st)
        VectorKernels.scale(keep, delta, st)
        VectorKernels.axpy(-eta * r * nx / ny, y, delta, st)
        flops &+= 3 &* D &+ NormKeepingStep.retract(delta, base: x, scale: 1, norm: nx, dim: D, stride: st)
        flops &+= vectors.add(1, delta, to: Int(e.u))
        VectorKernels.copy(y, delta, st)
        VectorKernels.scale(keep, delta, st)
        VectorKernels.axpy(-eta * r * ny / nx, x, delta, st)
        flops &+= 3 &* D &+ NormKeepingStep.retract(delta, base: y, scale: 1, norm: ny, dim: D, stride: st)
        flops &+= vectors.add(1, delta, to: Int(e.v))
        return loss
    }
}
