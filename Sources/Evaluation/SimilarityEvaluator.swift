/// Scores a similarity set the way gensim's `evaluate_word_pairs` does: cosine of the two words'
/// vectors against the human score, Spearman (average ranks) and Pearson over the pairs whose words
/// are both among the first `restrictVocab` words (case-insensitive by default); the other pairs
/// are skipped and counted, or scored 0 with `dummyForUnknown` (gensim's `dummy4unknown`).
public struct SimilarityOptions {
    public var restrictVocab = 300_000
    public var caseInsensitive = true
    public var dummyForUnknown = false
    public init() {}
}

public struct SimilarityResult {
    public var path: String
    /// Pairs in the file.
    public var total: Int
    /// Pairs that entered the correlations (with `dummyForUnknown`, all of them).
    public var scored: Int
    /// Pairs with at least one word outside the vocabulary.
    public var outOfVocabulary: Int
    public var spearman: Double?
    public var pearson: Double?
    /// `outOfVocabulary / total`, in 0...1 (gensim prints this times 100).
    public var oovRatio: Double { total == 0 ? 0 : Double(outOfVocabulary) / Double(total) }
}

public enum SimilarityEvaluator {
    public static func evaluate(_ set: SimilaritySet, matrix: EmbeddingMatrix, options: SimilarityOptions = SimilarityOptions()) -> SimilarityResult {
        let vocabulary = EvaluationVocabulary(matrix, limit: options.restrictVocab, caseInsensitive: options.caseInsensitive)
        return evaluate(set, matrix: matrix, vocabulary: vocabulary, dummyForUnknown: options.dummyForUnknown)
    }

    public static func evaluate(_ set: SimilaritySet, matrix: EmbeddingMatrix, vocabulary: EvaluationVocabulary,
                                dummyForUnknown: Bool) -> SimilarityResult {
        var gold: [Double] = [], model: [Double] = []
        var oov = 0
        for pair in set.pairs {
            guard let r1 = vocabulary.row(of: pair.first), let r2 = vocabulary.row(of: pair.second) else {
                oov += 1
                if dummyForUnknown { gold.append(pair.score); model.append(0) }
                continue
            }
            gold.append(pair.score)
            model.append(Double(cosine(matrix.row(r1), matrix.row(r2), matrix.dim)))
        }
        return SimilarityResult(path: set.path, total: set.pairs.count, scored: gold.count, outOfVocabulary: oov,
                                spearman: Correlation.spearman(gold, model), pearson: Correlation.pearson(gold, model))
    }

    /// Dot product of two unit rows, in Float like gensim's `similarity`.
    static func cosine(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dim: Int) -> Float {
        var s: Float = 0
        for j in 0..<dim { s += a[j] * b[j] }
        return s
    }
}
