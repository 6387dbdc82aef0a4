import EmbedBase

/// An analogy test set in the Google `questions-words.txt` format: `: section` lines, each followed
/// by `a b c d` questions (a is to b as c is to d). A plain list of questions without any header is
/// accepted too (its questions form one unnamed section). Blank lines are ignored.
public struct AnalogySet {
    public struct Question {
        public var a: [UInt8], b: [UInt8], c: [UInt8], d: [UInt8]
        public var line: Int
    }

    public struct Section {
        public var name: String
        public var questions: [Question]
        /// Google's convention: sections named `gram...` test syntax, the others semantics; an
        /// unnamed section (a plain list) is neither.
        public var kind: Kind { name.hasPrefix("gram") ? .syntactic : (name.isEmpty ? .unlabelled : .semantic) }
    }

    public enum Kind { case semantic, syntactic, unlabelled }

    public var path: String
    public var sections: [Section]

    public var questionCount: Int { sections.reduce(0) { $0 + $1.questions.count } }

    public init(path: String, sections: [Section]) {
        self.path = path
        self.sections = sections
    }

    /// Reads and checks the whole file; a malformed line is an error naming its line number.
    public static func load(path: String) throws -> AnalogySet {
        let file = try ByteFile(path: path)
        return try parse(file.bytes, path: path)
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> AnalogySet {
        var sections: [Section] = []
        try LineScanner.forEachLine(bytes) { line, fields, raw in
            if fields.isEmpty { return }
            if raw.first == 58 {  // ':'
                let name = String(decoding: LineScanner.trim(raw.dropFirst()), as: UTF8.self)
                if name.isEmpty { throw EvaluationError.badLine(path: path, line: line, reason: "section header without a name") }
                sections.append(Section(name: name, questions: []))
                return
            }
            guard fields.count == 4 else {
                throw EvaluationError.badLine(path: path, line: line,
                    reason: "expected 4 words 'a b c d' or a ': section' header, found \(fields.count) field\(fields.count == 1 ? "" : "s")")
            }
            if sections.isEmpty { sections.append(Section(name: "", questions: [])) }
            sections[sections.count - 1].questions.append(
                Question(a: Array(fields[0]), b: Array(fields[1]), c: Array(fields[2]), d: Array(fields[3]), line: line))
        }
        if sections.allSatisfy({ $0.questions.isEmpty }) {
            throw EvaluationError.badFile(path: path, reason: "no analogy questions ('a b c d' lines) found")
        }
        return AnalogySet(path: path, sections: sections)
    }
}
