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

/// The auxiliary similarity objective on the INPUT vectors: L = ½ (cos(x, y) − t)², with x, y the
/// rows of u and v and t the target.
///
/// With r = cos − t: ∂L/∂x = r (ŷ − cos x̂) / ‖x‖ (and symmetrically for y). As for the analogy
/// objective the step is preconditioned by ‖x‖² so it turns a row by about η·r radians whatever
/// its norm: Δx = −η r (‖x‖/‖y‖) y + η r cos x, Δy = −η r (‖y‖/‖x‖) x + η r cos y (both from the
/// values before the step; x's old value is kept in the scratch). No locks (Hogwild).
///
/// ## FLOPs per step (D = dim)
/// three dots (‖x‖², ‖y‖², x·y) 6D, then for each row a scale (D) and an axpy (2D): 6D.
/// Total: 12D.
public struct SimilarityObjective {
    public let table: TableHandle

    public init(table: TableHandle) { self.table = table }

    public static func flopsPerStep(dim: Int) -> Int { 12 * dim }

    public var flopsPerStep: Int { SimilarityObjective.flopsPerStep(dim: table.dim) }

    /// One step of size `learningRate` (0: loss only); returns the loss before the step, 0 for a
    /// zero row.
    @inlinable
    public func step(_ e: SimilarityExample, learningRate eta: Float, scratch s: AuxiliaryScratch) -> Float {
        let st = table.stride
        let x = table.inputRow(Int(e.u))
        let y = table.inputRow(Int(e.v))
        let nx = VectorKernels.dot(x, x, st).squareRoot()
        let ny = VectorKernels.dot(y, y, st).squareRoot()
        if !(nx > 0) || !(ny > 0) { return 0 }
        let cosine = VectorKernels.dot(x, y, st) / (nx * ny)
        let r = cosine - e.target
        let loss = 0.5 * r * r
        if eta == 0 || e.u == e.v { return loss }
        let old = s.row(0)
        VectorKernels.copy(x, old, st)
        let keep = 1 + eta * r * cosine
        VectorKernels.scale(keep, x, st)
        VectorKernels.axpy(-eta * r * nx / ny, y, x, st)
        VectorKernels.scale(keep, y, st)
        VectorKernels.axpy(-eta * r * ny / nx, old, y, st)
        return loss
    }
}
