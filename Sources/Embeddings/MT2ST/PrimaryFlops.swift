/// Analytic FLOP counts of the primary (word2vec negative-sampling) updates, so that MT2ST's
/// compression rate compares strategies by arithmetic done rather than by wall time alone.
/// D = dim, k = negatives; a dot product or an axpy over D floats is 2D FLOPs, a scale or an add D.
///
/// - Skip-Gram, per (centre, context) pair: for each of the k+1 targets a dot (2D), the output
///   row's update (axpy, 2D) and the accumulation into the input gradient (axpy, 2D); then the
///   input row's update (axpy, 2D): `(k+1)·6D + 2D`. (pWord2Vec's HogBatch does the same arithmetic
///   as matrix products with negatives shared across a window.)
/// - CBOW, per centre word with C context words: the hidden vector (C adds of D, plus D for the
///   mean), the k+1 targets as above (6D each), the gradient added to each context row (C·D):
///   `(k+1)·6D + 2C·D + D`.
/// - FastText Skip-Gram: Skip-Gram's pairs, plus per kept corpus position whose word has r > 1
///   rows (the batch kernel composes each position once): the mean (≈ rD), the change since
///   composition (axpy, 2D) and its addition to the r rows (r axpys): `3rD + 2D`.
/// - GloVe, per co-occurrence record: the dot (2D), the two scaled gradients (2D), the two
///   AdaGrad-scaled updates (4D), the two squared-gradient sums (4D) and the two inverse square
///   roots (2D, one operation each as is customary): `14D` (the scalar bias updates are left out).
/// Sigmoid and loss lookups are O(k) scalars and are left out.
public enum PrimaryFlops {
    public static func skipGramPair(dim: Int, negatives: Int) -> Int { (negatives + 1) * 6 * dim + 2 * dim }

    public static func cbowWindow(dim: Int, negatives: Int, contexts: Int) -> Int {
        (negatives + 1) * 6 * dim + 2 * contexts * dim + dim
    }

    /// FLOPs of an epoch of Skip-Gram from its count of binary predictions (pairs × (k+1)).
    public static func skipGram(predictions: Int, dim: Int, negatives: Int) -> Double {
        Double(predictions) / Double(negatives + 1) * Double(skipGramPair(dim: dim, negatives: negatives))
    }

    /// FLOPs of an epoch of CBOW from its count of binary predictions (windows × (k+1)), with the
    /// mean context count of word2vec's dynamic window (b uniform in 1...window on each side:
    /// window + 1 contexts on average, fewer at sentence edges, so this is an upper estimate).
    public static func cbow(predictions: Int, dim: Int, negatives: Int, window: Int) -> Double {
        Double(predictions) / Double(negatives + 1) * Double(cbowWindow(dim: dim, negatives: negatives, contexts: window + 1))
    }

    /// FLOPs of an epoch of GloVe over `records` co-occurrence records.
    public static func glove(records: Int, dim: Int) -> Double { Double(records) * Double(14 * dim) }

    /// FastText's composition FLOPs per epoch, in expectation over sub-sampling: Σ over words with
    /// r > 1 rows of count × keep probability × (3rD + 2D). `rowCounts[w]` = r of word w,
    /// `keep[w]` its probability of surviving sub-sampling.
    public static func fastTextComposition(counts: [Int64], rowCounts: [Int], keep: [Double], dim: Int) -> Double {
        var total = 0.0
        for w in counts.indices where rowCounts[w] > 1 {
            total += Double(counts[w]) * keep[w] * Double((3 * rowCounts[w] + 2) * dim)
        }
        return total
    }
}
