import EmbedBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The final vocabulary: words (byte strings) with their counts, in the deterministic order
/// count descending, then bytes ascending. Word ids are positions in that order.
public final class Vocabulary {
    /// Keys in id order.
    public let table: ByteKeyTable
    public let counts: [Int64]
    /// Tokens of the corpus that are in the vocabulary (the sum of `counts`).
    public let trainTokens: Int64

    public var size: Int { counts.count }

    /// Builds a vocabulary from words and counts; sorts them (count desc, bytes asc) and applies
    /// `minCount` and `maxVocab`.
    public init(words: [[UInt8]], counts: [Int64], minCount: Int = 1, maxVocab: Int? = nil) {
        var order = Array(0..<words.count).filter { counts[$0] >= Int64(minCount) }
        order.sort { a, b in
            if counts[a] != counts[b] { return counts[a] > counts[b] }
            return words[a].lexicographicallyPrecedes(words[b])
        }
        if let maxVocab, order.count > maxVocab { order.removeLast(order.count - maxVocab) }
        let table = ByteKeyTable(expectedCount: order.count)
        var sorted: [Int64] = []
        sorted.reserveCapacity(order.count)
        var inserted = false
        for i in order {
            words[i].withUnsafeBytes { _ = table.findOrInsert($0, inserted: &inserted) }
            sorted.append(counts[i])
        }
        self.table = table
        self.counts = sorted
        self.trainTokens = sorted.reduce(0, +)
    }

    /// A vocabulary whose ids are the positions in `words`, as a model file orders them (fastText
    /// sorts by count but leaves ties in no particular order); nil when a word occurs twice.
    public init?(keepingOrderOf words: [[UInt8]], counts: [Int64]) {
        precondition(words.count == counts.count)
        let table = ByteKeyTable(expectedCount: words.count)
        var inserted = false
        for w in words {
            w.withUnsafeBytes { _ = table.findOrInsert($0, inserted: &inserted) }
            if !inserted { return nil }
        }
        self.table = table
        self.counts = counts
        self.trainTokens = counts.reduce(0, +)
    }

    /// The id of `word`, or nil.
    public func id(of word: String) -> Int? { table.find(word) }

    @inlinable
    public func id(ofBytes word: UnsafeRawBufferPointer) -> Int? { table.find(word) }

    /// The word with id `id`, decoded as UTF-8 (invalid bytes become U+FFFD; use `bytes` to get
    /// the exact bytes).
    public func word(_ id: Int) -> String {
        table.withKey(id) { String(decoding: $0, as: UTF8.self) }
    }

    public func bytes(_ id: Int) -> [UInt8] { table.key(id) }

    @inlinable
    public func withBytes<R>(_ id: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try table.withKey(id, body)
    }

    /// Bytes of memory the vocabulary holds.
    public var memoryBytes: Int { table.memoryBytes + counts.capacity * 8 }

    // MARK: - Files: one `word count` line per word, in id order.

    /// Writes the vocabulary atomically (temporary file, then rename).
    public func save(to path: String) throws {
        var out: [UInt8] = []
        out.reserveCapacity(size * 20)
        for id in 0..<size {
            withBytes(id) { out.append(contentsOf: $0) }
            out.append(0x20)
            out.append(contentsOf: String(counts[id]).utf8)
            out.append(0x0a)
        }
        try AtomicFile.write(out, to: path)
    }

    /// Reads a `word count` file (as written by `save`, word2vec's `-save-vocab` or gensim).
    /// Lines may be in any order; the result is re-sorted deterministically.
    public static func load(from path: String, minCount: Int = 1, maxVocab: Int? = nil) throws -> Vocabulary {
        var data: [UInt8] = []
        try CorpusReader(path: path).forEachChunk { data.append(contentsOf: $0) }
        var words: [[UInt8]] = []
        var counts: [Int64] = []
        let seen = ByteKeyTable()
        var lineNumber = 0
        var start = 0
        while start < data.count {
            lineNumber += 1
            var end = start
            while end < data.count && data[end] != 0x0a { end += 1 }
            var line = Array(data[start..<end])
            start = end + 1
            if line.last == 0x0d { line.removeLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard let sep = line.lastIndex(where: { $0 == 0x20 || $0 == 0x09 }), sep > 0 else {
                throw CorpusError.badVocabularyLine(path: path, line: lineNumber, reason: "expected 'word count'")
            }
            let word = Array(line[..<sep])
            guard let count = Int64(String(decoding: line[(sep + 1)...], as: UTF8.self)), count >= 0 else {
                throw CorpusError.badVocabularyLine(path: path, line: lineNumber, reason: "count is not a non-negative integer")
            }
            if word.contains(where: { Tokenizer.isSpace($0) }) {
                throw CorpusError.badVocabularyLine(path: path, line: lineNumber, reason: "word contains whitespace")
            }
            var inserted = false
            word.withUnsafeBytes { _ = seen.findOrInsert($0, inserted: &inserted) }
            guard inserted else {
                throw CorpusError.badVocabularyLine(path: path, line: lineNumber, reason: "duplicate word")
            }
            words.append(word)
            counts.append(count)
        }
        guard !words.isEmpty else { throw CorpusError.emptyCorpus(path: path) }
        return Vocabulary(words: words, counts: counts, minCount: minCount, maxVocab: maxVocab)
    }
}
