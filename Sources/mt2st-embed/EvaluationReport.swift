import Evaluation
import Foundation

/// The `evaluate --json` report: Codable types written by Foundation's `JSONEncoder`.
///
/// Keys are sorted (`.sortedKeys`): the analogy and similarity files are keyed by their path, and
/// sorting is what keeps the output the same from run to run. A missing or non-finite number
/// (an accuracy with nothing answered, an undefined correlation) is `null`.
struct EvaluationReport: Encodable {
    var vectors: String
    var words: Int
    var dim: Int
    var analogies: [String: Analogies]
    var similarity: [String: Similarity]

    struct Analogies: Encodable {
        var total, semantic, syntactic: Number
        var seen, questions, correct: Int
        var method: String
        var restrictVocab: Int
        var sections: [Section]

        enum CodingKeys: String, CodingKey {
            case total, semantic, syntactic, seen, questions, correct, method, sections
            case restrictVocab = "restrict_vocab"
        }
    }

    struct Section: Encodable {
        var name: String
        var accuracy: Number
        var correct, seen, questions: Int
    }

    struct Similarity: Encodable {
        var spearman, pearson: Number
        var pairs: Int
        var oov: Number
        var totalPairs: Int

        enum CodingKeys: String, CodingKey {
            case spearman, pearson, pairs, oov
            case totalPairs = "total_pairs"
        }
    }

    /// A number that is `null` when absent or not finite (JSON has no NaN or infinity).
    struct Number: Encodable {
        var value: Double?

        init(_ value: Double?) { self.value = value }

        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            if let value, value.isFinite { try c.encode(value) } else { try c.encodeNil() }
        }
    }

    init(vectors: String, matrix: EmbeddingMatrix, analogies: [AnalogyResult], similarities: [SimilarityResult]) {
        self.vectors = vectors
        words = matrix.count
        dim = matrix.dim
        self.analogies = Dictionary(analogies.map { r in
            (r.path, Analogies(
                total: Number(r.total.accuracy), semantic: Number(r.semantic.accuracy),
                syntactic: Number(r.syntactic.accuracy), seen: r.total.seen, questions: r.total.questions,
                correct: r.total.correct, method: r.method.rawValue, restrictVocab: r.candidates,
                sections: r.sections.map { s in
                    Section(name: s.name, accuracy: Number(s.counts.accuracy), correct: s.counts.correct,
                            seen: s.counts.seen, questions: s.counts.questions)
                }))
        }, uniquingKeysWith: { _, last in last })
        similarity = Dictionary(similarities.map { s in
            (s.path, Similarity(spearman: Number(s.spearman), pearson: Number(s.pearson), pairs: s.scored,
                                oov: Number(s.oovRatio), totalPairs: s.total))
        }, uniquingKeysWith: { _, last in last })
    }

    /// One line of JSON.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
