import Corpus
import Embeddings

/// Turns auxiliary training questions and pairs into row ids of the trained vocabulary, with the
/// checks the CLI needs before training: a set that is empty, or whose every item has a word out
/// of the vocabulary, is an error naming the file.
public enum AuxiliaryData {
    /// A word's id: exact, else lower-cased (the evaluation folds case; corpora often are lower-case).
    public static func id(_ word: String, in vocabulary: Vocabulary) -> Int32? {
        if let id = vocabulary.id(of: word) { return Int32(id) }
        let lower = word.lowercased()
        if lower != word, let id = vocabulary.id(of: lower) { return Int32(id) }
        return nil
    }

    /// The questions whose four words are all in the vocabulary; `skipped` counts the others.
    public static func analogyExamples(_ questions: [AnalogyQuestion], vocabulary: Vocabulary,
                                       path: String) throws -> (examples: [AnalogyExample], skipped: Int) {
        guard !questions.isEmpty else {
            throw MT2STError.badAuxiliaryData(path: path, reason: "no analogy questions to train on (empty after the split?)")
        }
        var examples: [AnalogyExample] = []
        for q in questions {
            guard let a = id(q.a, in: vocabulary), let b = id(q.b, in: vocabulary),
                  let c = id(q.c, in: vocabulary), let d = id(q.d, in: vocabulary) else { continue }
            examples.append(AnalogyExample(a: a, b: b, c: c, d: d))
        }
        guard !examples.isEmpty else {
            throw MT2STError.badAuxiliaryData(path: path, reason: "all \(questions.count) analogy questions have a word out of the vocabulary")
        }
        return (examples, questions.count - examples.count)
    }

    /// The pairs with both words in the vocabulary, their scores rescaled linearly from `range`
    /// (the whole file's score range, so every split uses one scale) to [0, 1] — cosines of
    /// trained word vectors lie mostly in [0, 1], and unrelated words should be near 0, not −1.
    public static func similarityExamples(_ pairs: [ScoredPair], scoreRange: ClosedRange<Double>, vocabulary: Vocabulary,
                                          path: String) throws -> (examples: [SimilarityExample], skipped: Int) {
        guard !pairs.isEmpty else {
            throw MT2STError.badAuxiliaryData(path: path, reason: "no similarity pairs to train on (empty after the split?)")
        }
        let span = scoreRange.upperBound - scoreRange.lowerBound
        var examples: [SimilarityExample] = []
        for p in pairs {
            guard let u = id(p.first, in: vocabulary), let v = id(p.second, in: vocabulary) else { continue }
            let target = span > 0 ? (p.score - scoreRange.lowerBound) / span : 0.5
            examples.append(SimilarityExample(u: u, v: v, target: Float(min(1, max(0, target)))))
        }
        guard !examples.isEmpty else {
            throw MT2STError.badAuxiliaryData(path: path, reason: "all \(pairs.count) similarity pairs have a word out of the vocabulary")
        }
        return (examples, pairs.count - examples.count)
    }

    /// The range of the scores (for `similarityExamples`).
    public static func scoreRange(_ pairs: [ScoredPair]) -> ClosedRange<Double> {
        let scores = pairs.map(\.score)
        return (scores.min() ?? 0)...(scores.max() ?? 1)
    }
}
