import EmbedBase

/// A word-similarity test set: `word1 word2 score` lines, tab separated (fields may then contain
/// spaces) or space separated; `#` starts a comment line; blank lines are ignored.
public struct SimilaritySet {
    public struct Pair {
        public var first: [UInt8], second: [UInt8]
        public var score: Double
        public var line: Int
    }

    public var path: String
    public var pairs: [Pair]

    public init(path: String, pairs: [Pair]) {
        self.path = path
        self.pairs = pairs
    }

    public static func load(path: String) throws -> SimilaritySet {
        let file = try ByteFile(path: path)
        return try parse(file.bytes, path: path)
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> SimilaritySet {
        var pairs: [Pair] = []
        try LineScanner.forEachLine(bytes, tabsWhenPresent: true) { line, fields, raw in
            let content = LineScanner.trim(raw)
            if content.isEmpty || content.first == 35 { return }  // blank or '#'
            guard fields.count == 3, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw EvaluationError.badLine(path: path, line: line,
                    reason: "expected 'word1 word2 score' (3 fields), found \(fields.count) field\(fields.count == 1 ? "" : "s")")
            }
            guard let score = Double(String(decoding: fields[2], as: UTF8.self)), score.isFinite else {
                throw EvaluationError.badLine(path: path, line: line,
                    reason: "score '\(String(decoding: fields[2].prefix(40), as: UTF8.self))' is not a number")
            }
            pairs.append(Pair(first: Array(fields[0]), second: Array(fields[1]), score: score, line: line))
        }
        if pairs.isEmpty { throw EvaluationError.badFile(path: path, reason: "no 'word1 word2 score' pairs found") }
        return SimilaritySet(path: path, pairs: pairs)
    }
}
