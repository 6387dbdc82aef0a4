/// The negative-sampling noise distribution P(w) ∝ count(w)^power (0.75 by default), drawn in O(1)
/// with Walker's alias method: one 64-bit random number picks a column (high half) and decides
/// between the column and its alias (low half).
public struct NoiseDistribution {
    public let power: Double
    /// Per column: threshold in 32-bit fixed point; draws below it return the column itself.
    public let threshold: [UInt32]
    public let alias: [Int32]

    public var size: Int { alias.count }

    public init(counts: [Int64], power: Double = 0.75) {
        self.power = power
        let n = counts.count
        precondition(n > 0)
        let weights = counts.map { pow075(Double(max($0, 0)), power) }
        let total = weights.reduce(0, +)
        var scaled = weights.map { total > 0 ? $0 * Double(n) / total : 1.0 }
        var threshold = [UInt32](repeating: .max, count: n)
        var alias = [Int32](repeating: 0, count: n)
        for i in 0..<n { alias[i] = Int32(i) }
        var small: [Int] = [], large: [Int] = []
        for i in 0..<n { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast() {
            guard let l = large.last else { break }
            threshold[s] = UInt32(min(scaled[s] * 4_294_967_296.0, 4_294_967_295.0))
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 { large.removeLast(); small.append(l) }
        }
        // Whatever remains has probability 1 of returning itself (rounding leftovers).
        self.threshold = threshold
        self.alias = alias
    }

    /// Probability of drawing `id` (for tests and diagnostics).
    public func probability(_ id: Int) -> Double {
        let n = Double(size)
        var p = Double(threshold[id] == .max ? 4_294_967_296.0 : Double(threshold[id])) / 4_294_967_296.0 / n
        for j in 0..<size where j != id && alias[j] == Int32(id) && threshold[j] != .max {
            p += (1 - Double(threshold[j]) / 4_294_967_296.0) / n
        }
        return p
    }

    @inlinable @inline(__always)
    public func draw(_ random: UInt64) -> Int {
        threshold.withUnsafeBufferPointer { t in
            alias.withUnsafeBufferPointer { a in
                let column = Int(truncatingIfNeeded: ((random >> 32) &* UInt64(t.count)) >> 32)
                return UInt32(truncatingIfNeeded: random) < t[column] ? column : Int(a[column])
            }
        }
    }
}

@inline(__always)
private func pow075(_ x: Double, _ p: Double) -> Double {
    x == 0 ? 0 : _pow(x, p)
}

#if canImport(Glibc)
import Glibc
@inline(__always) private func _pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
#elseif canImport(Darwin)
import Darwin
@inline(__always) private func _pow(_ x: Double, _ y: Double) -> Double { Darwin.pow(x, y) }
#endif
