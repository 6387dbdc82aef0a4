/// Turns an auxiliary update into a rotation. Both auxiliary objectives depend only on the
/// directions of the vectors (cosines), so their gradients are orthogonal to the vectors, and a
/// finite step along such a gradient always lengthens the vector (‖x + Δ‖² = ‖x‖² + ‖Δ‖²). Over
/// tens of thousands of steps per epoch that growth compounds; at GloVe's constant learning rate
/// it blew the vectors up (the primary cost went to infinity). So the step is retracted onto the
/// sphere of the old norm: x' = (x + Δ) · ‖x‖ / ‖x + Δ‖, the direction change of the gradient step
/// without its length change. It moves x by O(η²) less than the plain step, so the first-order
/// (gradient) behaviour is the same.
public enum NormKeepingStep {
    /// Rewrites `delta` (Δ, `stride` floats) into x' − x, for x = `scale` · `base` of norm `norm`.
    /// Returns its FLOPs: an axpy, a dot, a scale and an axpy (7D). A zero x + Δ is left alone.
    @inlinable @inline(__always)
    public static func retract(_ delta: UnsafeMutablePointer<Float>, base: UnsafePointer<Float>, scale: Float,
                               norm: Float, dim: Int, stride: Int) -> Int {
        VectorKernels.axpy(scale, base, delta, stride)
        let length = VectorKernels.dot(delta, delta, stride).squareRoot()
        if length > 0 && length.isFinite {
            VectorKernels.scale(norm / length, delta, stride)
        }
        VectorKernels.axpy(-scale, base, delta, stride)
        return 7 &* dim
    }
}
