/// One accumulated co-occurrence count as it moves through counting, spilling and merging:
/// `key` packs the word id `i` in the high 32 bits and the context id `j` in the low 32 bits, so
/// sorting by `key` sorts by (i, j); `count` is X_ij in fixed point (see `CooccurrenceWeights`).
///
/// Fixed point makes the sums exact and associative: the same counts come out whatever the
/// order of additions, so a run that spills to disk yields exactly the records of one that does
/// not.
@frozen
public struct CooccurrenceCount: Equatable, Sendable {
    public var key: UInt64
    public var count: UInt64

    @inlinable
    public init(key: UInt64, count: UInt64) {
        self.key = key
        self.count = count
    }

    @inlinable
    public init(word: UInt32, context: UInt32, count: UInt64) {
        self.key = UInt64(word) << 32 | UInt64(context)
        self.count = count
    }

    @inlinable public var word: UInt32 { UInt32(truncatingIfNeeded: key >> 32) }
    @inlinable public var context: UInt32 { UInt32(truncatingIfNeeded: key) }
    /// X_ij as a real number.
    @inlinable public var value: Double { Double(count) * CooccurrenceWeights.unit }
}

/// The 1/distance weights in fixed point with 24 fractional bits: an exact integer sum of up to
/// 2^40 (about 10^12) unit co-occurrences per pair, each weight within 3e-8 of 1/distance.
public enum CooccurrenceWeights {
    public static let fractionalBits = 24
    public static let unit: Double = 1 / Double(1 << fractionalBits)

    /// weights[d] for d in 1...window (index 0 unused).
    public static func table(window: Int) -> [UInt64] {
        [0] + (1...max(window, 1)).map { d in (UInt64(1) << UInt64(fractionalBits) + UInt64(d) / 2) / UInt64(d) }
    }
}

/// One training example: the pair (i, j) with log X_ij and the weight f(X_ij) precomputed, 16
/// bytes, the unit the shuffler writes and the trainer reads.
@frozen
public struct GloVeRecord: Equatable, Sendable {
    public var word: UInt32
    public var context: UInt32
    public var logCount: Float
    public var weight: Float

    @inlinable
    public init(word: UInt32, context: UInt32, logCount: Float, weight: Float) {
        self.word = word
        self.context = context
        self.logCount = logCount
        self.weight = weight
    }

    /// f(x) = min(1, (x / xMax)^alpha) (Pennington et al. 2014).
    @inlinable
    public static func weighting(_ x: Double, xMax: Double, alpha: Double) -> Float {
        x >= xMax ? 1 : Float(pow(x / xMax, alpha))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
