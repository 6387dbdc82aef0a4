#if canImport(Glibc)
import Glibc
#endif

/// Precomputed σ(x) and log σ(x) on [-maxScore, maxScore] (word2vec's EXP_TABLE, plus the log for
/// the loss), so the hot loops pay one multiply, one conversion and one load per score.
///
/// Entries are taken at the centre of each bin. Scores outside the range are handled by the
/// caller (word2vec's clipping: the gradient is then 0 or ±1 and the loss is linear in the score).
public final class SigmoidTable {
    public static let maxScore: Float = 6
    public static let size = 1024
    /// `size` values of σ followed by `size` values of log σ.
    public let values: UnsafeMutablePointer<Float>

    public init() {
        let n = SigmoidTable.size
        values = .allocate(capacity: 2 * n)
        for i in 0..<n {
            let x = (Double(i) + 0.5) / Double(n) * 2 * Double(SigmoidTable.maxScore) - Double(SigmoidTable.maxScore)
            let s = 1 / (1 + exp(-x))
            values[i] = Float(s)
            values[n + i] = Float(log(s))
        }
    }

    deinit { values.deallocate() }

    /// Scale from a score to a table index: `Int((x + maxScore) * indexScale)`.
    public static var indexScale: Float { Float(size) / (2 * maxScore) }
}
