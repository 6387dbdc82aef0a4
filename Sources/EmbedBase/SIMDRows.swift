/// Unaligned SIMD loads and stores of `Float` rows: the primitives the vector loops are written in
/// (the training kernels in Embeddings, the analogy score kernels in Evaluation).
///
/// A kernel namespace adopts them by conforming (`enum VectorKernels: SIMDRowAccess`) and then
/// calls `load` / `store` unqualified. They are `@inlinable @inline(__always)`, so they compile
/// into the caller's loop (with the caller's `-target-cpu`) and never become calls.
public protocol SIMDRowAccess {}

extension SIMDRowAccess {
    /// 16 floats from `p` (any alignment).
    @inlinable @inline(__always)
    public static func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    /// Stores 16 floats at `p` (any alignment).
    @inlinable @inline(__always)
    public static func store(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
    }

    /// 8 floats from `p` (any alignment).
    @inlinable @inline(__always)
    public static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }
}
