import EmbedBase

/// Character n-gram subwords (Bojanowski et al. 2017), as fastText's `Dictionary` computes them:
/// a word is wrapped as `<word>`, and every n-gram of `minn...maxn` characters (Unicode
/// characters, i.e. UTF-8 sequences, never cut inside one) is hashed with 32-bit FNV-1a into one of
/// `buckets` rows. The one-character n-grams `<` and `>` are not used. When the whole `<word>` is
/// short enough it is one of its own n-grams, as in fastText.
///
/// Bytes are hashed as fastText's `Dictionary::hash` does: each byte is sign-extended through
/// `int8_t` before the XOR (a byte >= 0x80 contributes `0xFFFFFF00 | byte`), so bucket numbers
/// agree with fastText and gensim (>= 3.7) for every n-gram, also non-ASCII ones. The vocabulary
/// word `</s>` (fastText's end-of-sentence token) has no n-grams (`SubwordIndex`).
public struct SubwordOptions: Sendable, Equatable {
    public var minn: Int
    public var maxn: Int
    public var buckets: Int

    public init(minn: Int = 3, maxn: Int = 6, buckets: Int = 2_000_000) {
        self.minn = minn
        self.maxn = maxn
        self.buckets = buckets
    }

    /// Subwords are on unless `maxn` is 0.
    public var enabled: Bool { maxn > 0 }

    public func validate() throws {
        if minn < 0 || maxn < 0 { throw CorpusError.invalidOption("--minn and --maxn must be >= 0") }
        if enabled && minn < 1 { throw CorpusError.invalidOption("--minn must be at least 1 when --maxn > 0 (got \(minn))") }
        if minn > maxn { throw CorpusError.invalidOption("--minn (\(minn)) must not exceed --maxn (\(maxn))") }
        if enabled && buckets < 1 { throw CorpusError.invalidOption("--bucket must be at least 1 when subwords are on (got \(buckets))") }
        if buckets > Int(Int32.max) / 2 { throw CorpusError.invalidOption("--bucket is too large (got \(buckets))") }
    }

    /// Calls `body` with the bucket (0..<buckets) of every n-gram of `word` (the bare word, without
    /// the `<` `>` markers, which are added here).
    @inlinable
    public func forEachBucket(of word: UnsafeRawBufferPointer, _ body: (Int) -> Void) {
        guard enabled else { return }
        // "<" + word + ">"
        var wrapped = [UInt8]()
        wrapped.reserveCapacity(word.count + 2)
        wrapped.append(0x3c)
        wrapped.append(contentsOf: word)
        wrapped.append(0x3e)
        let n = wrapped.count
        var i = 0
        while i < n {
            // i is at the start of a character.
            var h = FNV1a.basis32
            var j = i
            var chars = 0
            while j < n && chars < maxn {
                // Hash one whole character (lead byte and its continuation bytes).
                repeat {
                    h = (h ^ UInt32(bitPattern: Int32(Int8(bitPattern: wrapped[j])))) &* 16_777_619
                    j += 1
                } while j < n && (wrapped[j] & 0xc0) == 0x80
                chars += 1
                if chars >= minn && !(chars == 1 && (i == 0 || j == n)) {
                    body(Int(h % UInt32(buckets)))
                }
            }
            i += 1
            while i < n && (wrapped[i] & 0xc0) == 0x80 { i += 1 }
        }
    }

    /// fastText's end-of-sentence token `</s>`: as a vocabulary word it has no n-grams.
    public static func isEndOfSentence(_ word: UnsafeRawBufferPointer) -> Bool {
        word.elementsEqual("</s>".utf8)
    }

    /// The buckets of `word`'s n-grams, in order.
    public func buckets(of word: String) -> [Int] {
        var w = word
        var out: [Int] = []
        w.withUTF8 { forEachBucket(of: UnsafeRawBufferPointer($0)) { out.append($0) } }
        return out
    }
}

/// For every vocabulary word, the rows of its input representation in a table whose first
/// `vocabulary.size` rows are words and the next `buckets` rows are n-gram buckets: the word's own
/// row first, then `vocabulary.size + bucket` for each n-gram. Computed once before training
/// (compressed rows: one offsets array, one rows array), never in the hot loop. As in fastText's
/// `Dictionary::initNgrams`, the word `</s>` has its own row only.
public final class SubwordIndex {
    public let options: SubwordOptions
    public let wordCount: Int
    public let offsets: [Int]
    public let rows: [Int32]

    public init(vocabulary: Vocabulary, options: SubwordOptions) {
        self.options = options
        wordCount = vocabulary.size
        var offsets = [0]
        var rows: [Int32] = []
        offsets.reserveCapacity(vocabulary.size + 1)
        let base = vocabulary.size
        for id in 0..<vocabulary.size {
            rows.append(Int32(id))
            vocabulary.withBytes(id) { word in
                guard !SubwordOptions.isEndOfSentence(word) else { return }
                options.forEachBucket(of: word) { rows.append(Int32(base + $0)) }
            }
            offsets.append(rows.count)
        }
        self.offsets = offsets
        self.rows = rows
    }

    /// Total input rows the table needs: words plus buckets (no buckets when subwords are off).
    public var inputRows: Int { wordCount + (options.enabled ? options.buckets : 0) }

    /// Rows of word `id` (its own row first).
    public func rows(of id: Int) -> ArraySlice<Int32> { rows[offsets[id]..<offsets[id + 1]] }

    /// Bytes held by the index.
    public var memoryBytes: Int { offsets.capacity * 8 + rows.capacity * 4 }
}
