import EmbedBase
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One phrase of the phrase table: a bigram of pass `pass` scoring above the threshold.
public struct Phrase: Sendable, Equatable {
    public var pass: Int
    /// The phrase as written (the two parts joined by the delimiter).
    public var text: [UInt8]
    public var score: Double
    public var count: Int64
}

/// What one pass did.
public struct PhrasePassStatistics: Sendable {
    public var pass: Int
    /// Tokens read (N of the score).
    public var tokens: Int64 = 0
    /// Distinct words and bigrams held after counting, and how often the tables were pruned.
    public var words = 0
    public var bigrams = 0
    public var prunings = 0
    /// Distinct bigrams scoring above the threshold, and occurrences joined in the text.
    public var phrases = 0
    public var joined: Int64 = 0
    public var seconds = 0.0
}

/// word2phrase over a whole file, in `passes` passes: count words and within-line bigrams, then
/// rewrite the text joining, left to right, each pair of tokens whose bigram scores above the
/// threshold (a joined token is not joined again in the same pass; the next pass can join it
/// into a longer phrase). Lines and tokens are kept (tokens separated by one space).
///
/// Multithreaded on whole-line blocks: block i of each batch is counted by counting table i mod
/// threads (merged in that order after the pass, so the counts do not depend on scheduling) and
/// rewritten in parallel, the blocks written in order. Rewriting pass k also counts pass k + 1, so
/// the text is read passes + 1 times. Between passes the text lives in a temporary file beside the
/// output; the output is written atomically (plain, or gzip when its name ends in `.gz`).
public enum PhraseDetector {
    public static func run(input: String, output: String, options: PhraseOptions, phraseTable: String? = nil,
                           log: (String) -> Void = { _ in }) throws -> [PhrasePassStatistics] {
        try options.validate()
        let threads = options.threads
        var start = DispatchTime.now().uptimeNanoseconds
        var counts = try countFile(input, options: options)
        guard counts.tokens > 0 else { throw CorpusError.emptyCorpus(path: input) }
        var statistics: [PhrasePassStatistics] = []
        var table: [Phrase] = []
        var temporary: String?
        defer { if let temporary { unlink(temporary) } }
        let delimiter = Array(options.delimiter.utf8)
        for pass in 1...options.passes {
            let source = temporary ?? input
            let last = pass == options.passes
            let destination = last ? output : output + ".pass\(pass)-\(getpid())"
            let scorer = PhraseScorer(scoring: options.scoring, minCount: options.minCount,
                                      threshold: options.effectiveThreshold, tokens: counts.tokens)
            var s = PhrasePassStatistics(pass: pass)
            s.tokens = counts.tokens
            s.words = counts.wordCount
            s.bigrams = counts.bigramCount
            s.prunings = counts.prunings
            let found = phrases(counts, scorer: scorer, pass: pass, delimiter: delimiter, keepText: phraseTable != nil)
            s.phrases = found.count
            table += found.list
            let next = last ? nil : (0..<threads).map { _ in makeCounts(options) }
            let joined = Counter()
            try AtomicFile.writeText(to: destination) { sink in
                try forEachBatch(source, threads: threads) { blocks in
                    var outputs = [[UInt8]](repeating: [], count: blocks.count)
                    var joins = [Int64](repeating: 0, count: blocks.count)
                    outputs.withUnsafeMutableBufferPointer { out in
                        joins.withUnsafeMutableBufferPointer { j in
                            let outBase = out.baseAddress!, jBase = j.baseAddress!
                            DispatchQueue.concurrentPerform(iterations: blocks.count) { i in
                                blocks[i].withUnsafeBytes { block in
                                    jBase[i] = rewrite(block, counts: counts, scorer: scorer, delimiter: delimiter, into: &outBase[i])
                                }
                                if let next { outBase[i].withUnsafeBytes { next[i].count(block: $0) } }
                            }
                        }
                    }
                    for (o, n) in zip(outputs, joins) {
                        try sink.write(o)
                        joined.value += n
                    }
                }
            }
            if let temporary { unlink(temporary) }
            temporary = last ? nil : destination
            s.joined = joined.value
            if let next { counts = merged(next, options) }
            let now = DispatchTime.now().uptimeNanoseconds
            s.seconds = Double(now - start) / 1e9
            start = now
            log("pass \(pass): \(s.tokens) tokens, \(s.words) words, \(s.bigrams) bigrams"
                + (s.prunings > 0 ? " (pruned \(s.prunings) times)" : "")
                + "; \(s.phrases) phrases above \(options.effectiveThreshold), \(s.joined) joined"
                + String(format: " (%.2f s)", s.seconds))
            statistics.append(s)
        }
        if let phraseTable {
            try AtomicFile.writeText(to: phraseTable) { sink in
                try sink.write("# phrase\tscore\tcount\tpass\n")
                for p in table.sorted(by: order) {
                    try sink.write(p.text)
                    try sink.write("\t\(p.score)\t\(p.count)\t\(p.pass)\n")
                }
            }
        }
        return statistics
    }

    final class Counter { var value: Int64 = 0 }

    static func order(_ x: Phrase, _ y: Phrase) -> Bool {
        if x.pass != y.pass { return x.pass < y.pass }
        if x.score != y.score { return x.score > y.score }
        return x.text.lexicographicallyPrecedes(y.text)
    }

    static func makeCounts(_ options: PhraseOptions) -> PhraseCounts {
        PhraseCounts(maxWords: max(1, options.maxWords / options.threads), maxBigrams: max(1, options.maxBigrams / options.threads))
    }

    static func merged(_ parts: [PhraseCounts], _ options: PhraseOptions) -> PhraseCounts {
        let total = PhraseCounts(maxWords: options.maxWords, maxBigrams: options.maxBigrams,
                                 expectedWords: parts.map(\.wordCount).max() ?? 1024)
        for p in parts { total.merge(p) }
        return total
    }

    /// Counts a whole file.
    public static func countFile(_ path: String, options: PhraseOptions) throws -> PhraseCounts {
        let parts = (0..<options.threads).map { _ in makeCounts(options) }
        try forEachBatch(path, threads: options.threads) { blocks in
            DispatchQueue.concurrentPerform(iterations: blocks.count) { i in
                blocks[i].withUnsafeBytes { parts[i].count(block: $0) }
            }
        }
        return merged(parts, options)
    }

    /// Calls `body` with batches of at most `threads` blocks of whole lines, in file order.
    static func forEachBatch(_ path: String, threads: Int, _ body: ([[UInt8]]) throws -> Void) throws {
        var blocker = LineBlocker()
        var batch: [[UInt8]] = []
        batch.reserveCapacity(threads)
        func add(_ block: [UInt8]) throws {
            batch.append(block)
            if batch.count == threads {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try CorpusReader(path: path).forEachChunkPipelined { chunk in try blocker.feed(chunk, add) }
        try blocker.finish(add)
        if !batch.isEmpty { try body(batch) }
    }

    /// The bigrams scoring above the threshold (their text only when `keepText`).
    static func phrases(_ counts: PhraseCounts, scorer: PhraseScorer, pass: Int, delimiter: [UInt8],
                        keepText: Bool) -> (count: Int, list: [Phrase]) {
        var n = 0
        var list: [Phrase] = []
        counts.bigrams.forEach { key, ab in
            let a = UInt32(key >> 32), b = UInt32(key & 0xffff_ffff)
            guard let score = scorer.score(a: counts.count(ofWord: a), b: counts.count(ofWord: b), ab: ab),
                  score > scorer.threshold else { return }
            n += 1
            if keepText { list.append(Phrase(pass: pass, text: counts.word(a) + delimiter + counts.word(b), score: score, count: ab)) }
        }
        return (n, list)
    }

    /// Rewrites one block of lines into `out`, joining phrases left to right; returns how many
    /// pairs were joined.
    static func rewrite(_ block: UnsafeRawBufferPointer, counts: PhraseCounts, scorer: PhraseScorer,
                        delimiter: [UInt8], into out: inout [UInt8]) -> Int64 {
        out.reserveCapacity(block.count + block.count / 8 + 16)
        var tokens: [UnsafeRawBufferPointer] = []
        var ids: [UInt32] = []
        var joined: Int64 = 0
        delimiter.withUnsafeBytes { delimiter in
            LineTokens.forEach(block) { token, lineEnd in
                if let token {
                    tokens.append(token)
                    ids.append(counts.id(of: token) ?? .max)
                    return
                }
                guard lineEnd else { return }
                var i = 0
                let n = tokens.count
                while i < n {
                    if i > 0 { out.append(0x20) }
                    out.append(contentsOf: tokens[i])
                    if i + 1 < n, ids[i] != .max, ids[i + 1] != .max,
                       scorer.joins(a: counts.count(ofWord: ids[i]), b: counts.count(ofWord: ids[i + 1]),
                                    ab: counts.bigrams.count(of: PairCountTable.key(ids[i], ids[i + 1]))) {
                        out.append(contentsOf: delimiter)
                        out.append(contentsOf: tokens[i + 1])
                        joined += 1
                        i += 2
                    } else {
                        i += 1
                    }
                }
                out.append(0x0a)
                tokens.removeAll(keepingCapacity: true)
                ids.removeAll(keepingCapacity: true)
            }
        }
        return joined
    }
}
