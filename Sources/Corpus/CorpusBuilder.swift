/// Options for turning a text file into a vocabulary and an encoded corpus.
public struct CorpusOptions: Sendable {
    /// Words occurring fewer times are dropped.
    public var minCount: Int = 5
    /// Keep at most this many words (the most frequent).
    public var maxVocab: Int? = nil
    /// Longer tokens are cut (at a UTF-8 character boundary).
    public var maxTokenBytes: Int = 100
    /// Longer lines are split into sentences of this many tokens.
    public var maxSentenceTokens: Int = 10_000
    /// When the counting table holds more distinct words than this, words with the lowest counts
    /// are pruned (word2vec's ReduceVocab), so memory stays bounded on huge corpora.
    public var maxDistinctWhileCounting: Int = 20_000_000

    public init() {}

    public func validate() throws {
        if minCount < 1 { throw CorpusError.invalidOption("--min-count must be at least 1 (got \(minCount))") }
        if let maxVocab, maxVocab < 1 {
            throw CorpusError.invalidOption("--max-vocab must be at least 1 (got \(maxVocab))")
        }
        if maxTokenBytes < 4 { throw CorpusError.invalidOption("maximum token length must be at least 4 bytes") }
        if maxSentenceTokens < 1 { throw CorpusError.invalidOption("maximum sentence length must be at least 1") }
        if maxDistinctWhileCounting < 1000 {
            throw CorpusError.invalidOption("--max-distinct must be at least 1000 (got \(maxDistinctWhileCounting))")
        }
    }
}

/// What one pass over the text found.
public struct CorpusStatistics: Sendable {
    /// All tokens in the file, in or out of the vocabulary.
    public var corpusTokens: Int64 = 0
    /// Distinct words seen (after pruning, if any happened).
    public var distinctWords: Int = 0
    /// Decompressed bytes read.
    public var bytesRead: Int64 = 0
    /// How many times the counting table was pruned, and the count below which words were dropped.
    public var prunings: Int = 0
    public var pruneMinCount: Int = 0
}

/// A corpus ready for training: the vocabulary and the encoded id stream.
public struct Corpus {
    public let vocabulary: Vocabulary
    public let encoded: EncodedCorpus
    public let statistics: CorpusStatistics
}

/// Reads a corpus once: tokenises, counts words and writes each token's provisional id to a spill
/// stream in the same pass; then fixes the vocabulary (count desc, bytes asc) and rewrites the
/// stream in place with final ids, dropping out-of-vocabulary tokens.
public enum CorpusBuilder {
    /// Combines the word counts of this reader with those of others (a distributed run: every
    /// process gets the same merged counts) before the vocabulary is fixed. Words need not be
    /// in any order; the vocabulary orders them.
    public typealias CountMerger = (_ words: [[UInt8]], _ counts: [Int64]) throws -> (words: [[UInt8]], counts: [Int64])

    public static func build(path: String, options: CorpusOptions = CorpusOptions(),
                             vocabulary fixed: Vocabulary? = nil) throws -> Corpus {
        try build(sources: [path == CorpusSource.standardInputArgument ? .standardInput : .file(path)],
                  options: options, vocabulary: fixed)
    }

    /// Reads `sources` one after the other as one corpus (each ends a sentence), counting and
    /// encoding in the same pass; `mergeCounts`, if given, combines the counts before the
    /// vocabulary is fixed (ignored with a `fixed` vocabulary).
    public static func build(sources: [CorpusSource], options: CorpusOptions = CorpusOptions(),
                             vocabulary fixed: Vocabulary? = nil, mergeCounts: CountMerger? = nil) throws -> Corpus {
        try options.validate()
        let path = CorpusSource.summary(sources)
        var tokenizer = Tokenizer(maxTokenBytes: options.maxTokenBytes, maxSentenceTokens: options.maxSentenceTokens)
        var stream = try SpillStream()
        var stats = CorpusStatistics()
        var streamError: Error?

        let counter = WordCounter(maxDistinct: options.maxDistinctWhileCounting,
                                  expectedCount: fixed == nil ? 1 << 18 : 16)

        let onSentenceEnd = {
            do { try stream.append(EncodedCorpus.sentenceEnd) } catch { streamError = error }
        }
        let onToken: (UnsafeRawBufferPointer) -> Void
        if let fixed {
            onToken = { token in
                stats.corpusTokens += 1
                if let id = fixed.id(ofBytes: token) {
                    do { try stream.append(UInt32(id)) } catch { streamError = error }
                }
            }
        } else {
            onToken = { token in
                stats.corpusTokens += 1
                do { try stream.append(counter.add(token)) } catch { streamError = error }
            }
        }

        for source in sources {
            try source.reader().forEachChunkPipelined { chunk in
                stats.bytesRead += Int64(chunk.count)
                tokenizer.feed(chunk, onToken: onToken, onSentenceEnd: onSentenceEnd)
                if let streamError { throw streamError }
                if fixed == nil { counter.pruneIfNeeded() }
            }
            tokenizer.finish(onToken: onToken, onSentenceEnd: onSentenceEnd)
            if let streamError { throw streamError }
        }
        guard stats.corpusTokens > 0 else { throw CorpusError.emptyCorpus(path: path) }

        let vocabulary: Vocabulary
        var remap: [UInt32]
        if let fixed {
            vocabulary = fixed
            stats.distinctWords = fixed.size
            remap = []
        } else {
            stats.distinctWords = counter.distinctWords
            stats.prunings = counter.prunings
            stats.pruneMinCount = Int(counter.pruneThreshold) + 1
            let n = counter.distinctWords
            var words: [[UInt8]] = []
            words.reserveCapacity(n)
            for e in 0..<n { words.append(counter.table.key(e)) }
            var counts = (0..<n).map { counter.counts[$0] }
            if let mergeCounts { (words, counts) = try mergeCounts(words, counts) }
            vocabulary = Vocabulary(words: words, counts: counts, minCount: options.minCount, maxVocab: options.maxVocab)
            guard vocabulary.size > 0 else {
                throw CorpusError.noWordReachesMinCount(path: path, minCount: options.minCount, distinctWords: words.count)
            }
            remap = [UInt32](repeating: EncodedCorpus.sentenceEnd, count: Int(counter.nextProvisionalId))
            for e in 0..<n {
                if let id = counter.table.withKey(e, { vocabulary.id(ofBytes: $0) }) {
                    remap[Int(counter.provisionalIds[e])] = UInt32(id)
                }
            }
        }
        let encoded = try finishStream(&stream, remap: remap)
        return Corpus(vocabulary: vocabulary, encoded: encoded, statistics: stats)
    }

    /// Maps the spilled stream and rewrites it in place: provisional ids become final ids (when
    /// `remap` is not empty), dropped words vanish and empty sentences collapse.
    private static func finishStream(_ stream: inout SpillStream, remap: [UInt32]) throws -> EncodedCorpus {
        let (mapped, count) = try stream.map()
        guard let p = mapped else {
            return EncodedCorpus(mapping: nil, mappedBytes: 0, length: 0, tokenCount: 0, sentenceCount: 0)
        }
        var w = 0
        var tokens = 0
        var sentences = 0
        var openSentence = false
        remap.withUnsafeBufferPointer { r in
            let doRemap = !r.isEmpty
            for i in 0..<count {
                let v = p[i]
                if v == EncodedCorpus.sentenceEnd {
                    if openSentence { p[w] = v; w += 1; sentences += 1; openSentence = false }
                    continue
                }
                let m = doRemap ? r[Int(v)] : v
                if m == EncodedCorpus.sentenceEnd { continue }
                p[w] = m
                w += 1
                tokens += 1
                openSentence = true
            }
        }
        if openSentence, w < count { p[w] = EncodedCorpus.sentenceEnd; w += 1; sentences += 1 }
        return EncodedCorpus(mapping: UnsafeMutableRawPointer(p), mappedBytes: count * 4, length: w,
                             tokenCount: tokens, sentenceCount: sentences)
    }
}
