import EmbedBase

/// A knowledge file of labelled word pairs: `label word1 word2` lines (whitespace separated; `#`
/// starts a comment line; blank lines are ignored). The MT2ST knowledge files are of this form:
/// similarity constraints (`synonym w1 w2`, `antonym w1 w2`; `attract`/`repel` are accepted as the
/// same kinds) and relation pairs (`noun-plural dog dogs`, any label naming the relation).
public struct LabelledPairSet {
    public struct Pair: Equatable {
        public var label: String
        public var first: String, second: String
        public var line: Int
    }

    public var path: String
    public var pairs: [Pair]

    public init(path: String, pairs: [Pair]) {
        self.path = path
        self.pairs = pairs
    }

    /// Reads and checks the whole file. `labels`: when given, the labels allowed (anything else is an
    /// error naming the line). A file without any pair is an error.
    public static func load(path: String, labels: Set<String>? = nil) throws -> LabelledPairSet {
        let file = try ByteFile(path: path)
        return try parse(file.bytes, path: path, labels: labels)
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String, labels: Set<String>? = nil) throws -> LabelledPairSet {
        var pairs: [Pair] = []
        try LineScanner.forEachLine(bytes) { line, fields, raw in
            let content = LineScanner.trim(raw)
            if content.isEmpty || content.first == 35 { return }  // blank or '#'
            guard fields.count == 3 else {
                throw EvaluationError.badLine(path: path, line: line,
                    reason: "expected 'label word1 word2' (3 fields), found \(fields.count) field\(fields.count == 1 ? "" : "s")")
            }
            let label = String(decoding: fields[0], as: UTF8.self)
            if let labels, !labels.contains(label) {
                throw EvaluationError.badLine(path: path, line: line,
                    reason: "unknown kind '\(label.prefix(40))' (expected one of: \(labels.sorted().joined(separator: ", ")))")
            }
            pairs.append(Pair(label: label, first: String(decoding: fields[1], as: UTF8.self),
                              second: String(decoding: fields[2], as: UTF8.self), line: line))
        }
        if pairs.isEmpty { throw EvaluationError.badFile(path: path, reason: "no 'label word1 word2' pairs found") }
        return LabelledPairSet(path: path, pairs: pairs)
    }
}
