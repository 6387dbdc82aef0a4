/// Word and bigram counts of (part of) a corpus, for phrase detection. Bigrams are pairs of word
/// ids of this table. Memory is bounded as word2vec's vocabulary is (ReduceVocab): when more than
/// `maxWords` words or `maxBigrams` bigrams are held, the words and bigrams seen at most
/// `pruneThreshold` times are dropped and the threshold goes up by one (a dropped word or bigram
/// seen again starts a new count), so rare bigrams are forgotten first and counts are lower bounds.
public final class PhraseCounts {
    let words: ByteKeyTable
    var wordCounts: GrowableBuffer<Int64>
    public let bigrams: PairCountTable
    /// Tokens counted (word2phrase's train_words), pruned or not.
    public private(set) var tokens: Int64 = 0
    public let maxWords: Int
    public let maxBigrams: Int
    public private(set) var pruneThreshold: Int64 = 0
    public private(set) var prunings = 0

    public init(maxWords: Int, maxBigrams: Int, expectedWords: Int = 1 << 16) {
        self.maxWords = max(maxWords, 1)
        self.maxBigrams = max(maxBigrams, 1)
        words = ByteKeyTable(expectedCount: expectedWords)
        wordCounts = GrowableBuffer(capacity: expectedWords)
        bigrams = PairCountTable(expectedCount: expectedWords * 4)
    }

    deinit { wordCounts.deallocate() }

    public var wordCount: Int { words.count }
    public var bigramCount: Int { bigrams.count }

    /// Bytes held (word table, counts, bigram table).
    public var memoryBytes: Int { words.memoryBytes + wordCounts.capacity * 8 + bigrams.memoryBytes }

    /// The id of `word`, adding `n` to its count (inserting it when new).
    @inline(__always)
    func addWord(_ word: UnsafeRawBufferPointer, _ n: Int64) -> UInt32 {
        var inserted = false
        let id = words.findOrInsert(word, inserted: &inserted)
        if inserted { wordCounts.append(n) } else { wordCounts[id] &+= n }
        return UInt32(truncatingIfNeeded: id)
    }

    /// The id of `word`, or nil.
    @inline(__always)
    public func id(of word: UnsafeRawBufferPointer) -> UInt32? {
        words.find(word).map { UInt32(truncatingIfNeeded: $0) }
    }

    @inline(__always)
    public func count(ofWord id: UInt32) -> Int64 { wordCounts[Int(id)] }

    public func word(_ id: UInt32) -> [UInt8] { words.key(Int(id)) }

    /// Counts the tokens and the within-line bigrams of a block of whole lines.
    func count(block: UnsafeRawBufferPointer) {
        var previous = UInt32.max
        LineTokens.forEach(block) { token, lineEnd in
            if let token {
                let id = addWord(token, 1)
                tokens &+= 1
                if previous != .max { bigrams.add(PairCountTable.key(previous, id)) }
                previous = id
            }
            if lineEnd {
                previous = .max
                pruneIfNeeded()
            }
        }
        pruneIfNeeded()
    }

    /// Prunes (possibly several times) until the tables are within their bounds.
    func pruneIfNeeded() {
        while words.count > maxWords || bigrams.count > maxBigrams {
            pruneThreshold += 1
            prune(atMost: pruneThreshold)
        }
    }

    /// Drops the words and bigrams counted at most `threshold` times (and the bigrams of dropped words).
    func prune(atMost threshold: Int64) {
        prunings += 1
        let counts = wordCounts
        let kept = words.retain { counts[$0] > threshold }
        var renumber = [UInt32](repeating: .max, count: counts.count)
        var newCounts = GrowableBuffer<Int64>(capacity: kept.count)
        for (new, old) in kept.enumerated() {
            renumber[old] = UInt32(new)
            newCounts.append(counts[old])
        }
        wordCounts.deallocate()
        wordCounts = newCounts
        renumber.withUnsafeBufferPointer { r in
            bigrams.rebuild { key, n in
                guard n > threshold else { return nil }
                let a = r[Int(key >> 32)], b = r[Int(key & 0xffff_ffff)]
                return a == .max || b == .max ? nil : PairCountTable.key(a, b)
            }
        }
    }

    /// Adds `other`'s counts to these (its words renumbered into this table), then prunes to the bounds.
    func merge(_ other: PhraseCounts) {
        var map = [UInt32](repeating: 0, count: other.words.count)
        for id in 0..<other.words.count {
            map[id] = other.words.withKey(id) { addWord($0, other.wordCounts[id]) }
        }
        map.withUnsafeBufferPointer { m in
            other.bigrams.forEach { key, n in
                bigrams.add(PairCountTable.key(m[Int(key >> 32)], m[Int(key & 0xffff_ffff)]), n)
            }
        }
        tokens &+= other.tokens
        prunings += other.prunings
        pruneThreshold = max(pruneThreshold, other.pruneThreshold)
        pruneIfNeeded()
    }
}
