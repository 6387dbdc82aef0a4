import Corpus
import EmbedBase

/// Writes splits in the formats `evaluate` reads: analogy questions as `: section` headers followed
/// by `a b c d` lines (Google's `questions-words.txt` format), similarity pairs as
/// `word1<TAB>word2<TAB>score` lines. Files are written atomically.
public enum SplitFiles {
    public static func analogyText(_ questions: [AnalogyQuestion]) -> String {
        var text = ""
        var current: String?
        for q in questions {
            if q.section != current {
                current = q.section
                if !q.section.isEmpty { text += ": \(q.section)\n" }
            }
            text += "\(q.a) \(q.b) \(q.c) \(q.d)\n"
        }
        return text
    }

    public static func similarityText(_ pairs: [ScoredPair]) -> String {
        pairs.map { "\($0.first)\t\($0.second)\t\($0.score)\n" }.joined()
    }

    public static func writeAnalogies(_ questions: [AnalogyQuestion], to path: String) throws {
        try AtomicFile.write(Array(analogyText(questions).utf8), to: path)
    }

    public static func writeSimilarity(_ pairs: [ScoredPair], to path: String) throws {
        try AtomicFile.write(Array(similarityText(pairs).utf8), to: path)
    }

    /// Writes `analogies-{train,dev,test}.txt` and `similarity-{train,test}.tsv` into `directory`;
    /// returns the paths written.
    @discardableResult
    public static func write(analogies: AnalogySplit?, similarity: SimilaritySplit?, into directory: String) throws -> [String] {
        var written: [String] = []
        if let analogies {
            for part in SplitPart.allCases {
                let path = directory + "/analogies-\(part.rawValue).txt"
                try writeAnalogies(analogies.questions(part), to: path)
                written.append(path)
            }
        }
        if let similarity {
            for (name, pairs) in [("train", similarity.train), ("test", similarity.test)] {
                let path = directory + "/similarity-\(name).tsv"
                try writeSimilarity(pairs, to: path)
                written.append(path)
            }
        }
        return written
    }
}
