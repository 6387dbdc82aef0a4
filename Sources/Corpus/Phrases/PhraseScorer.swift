import Foundation

/// How a bigram is scored.
public enum PhraseScoring: String, CaseIterable, Sendable {
    /// word2vec's word2phrase: (count(ab) − min_count) / (count(a) · count(b)) · N, with N the
    /// number of tokens; both words must occur at least min_count times.
    case word2phrase
    /// gensim's normalised PMI: ln(p(ab) / (p(a) p(b))) / −ln p(ab), in [−1, 1], p(x) = count(x) / N;
    /// the bigram must occur at least min_count times.
    case npmi

    /// The default threshold of each scoring (word2phrase's 100; an NPMI of 0.5).
    public var defaultThreshold: Double { self == .word2phrase ? 100 : 0.5 }
}

/// Options of `PhraseDetector`.
public struct PhraseOptions: Sendable {
    public var scoring: PhraseScoring = .word2phrase
    /// Words (word2phrase) or bigrams (npmi) seen fewer times never form a phrase.
    public var minCount: Int = 5
    /// A bigram whose score is above this becomes a phrase (nil: the scoring's default).
    public var threshold: Double? = nil
    /// Passes over the text; pass k can join phrases of pass k − 1, so phrases grow up to 2^k words.
    public var passes: Int = 2
    /// Joins the two parts of a phrase.
    public var delimiter: String = "_"
    public var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Memory bounds of the counting tables (all threads together); beyond them the rarest words
    /// and bigrams are pruned.
    public var maxWords: Int = 10_000_000
    public var maxBigrams: Int = 10_000_000

    public init() {}

    public var effectiveThreshold: Double { threshold ?? scoring.defaultThreshold }

    public func validate() throws {
        func bad(_ m: String) -> CorpusError { .invalidOption(m) }
        if minCount < 1 { throw bad("--min-count must be at least 1 (got \(minCount))") }
        let t = effectiveThreshold
        if !(t > 0) || !t.isFinite { throw bad("--threshold must be a positive number (got \(t))") }
        if scoring == .npmi && t >= 1 {
            throw bad("--threshold must be below 1 with --scoring npmi (NPMI is at most 1; got \(t))")
        }
        if passes < 1 { throw bad("--passes must be at least 1 (got \(passes))") }
        if delimiter.isEmpty || delimiter.utf8.contains(where: { Tokenizer.isSpace($0) }) {
            throw bad("--delimiter must be non-empty and contain no whitespace")
        }
        if threads < 1 { throw bad("--threads must be at least 1 (got \(threads))") }
        if maxWords < 1000 { throw bad("--max-words must be at least 1000 (got \(maxWords))") }
        if maxBigrams < 1000 { throw bad("--max-bigrams must be at least 1000 (got \(maxBigrams))") }
    }
}

/// Scores bigrams from counts (see `PhraseScoring`).
public struct PhraseScorer: Sendable {
    public let scoring: PhraseScoring
    public let minCount: Int64
    public let threshold: Double
    /// Tokens of the text (N).
    public let tokens: Double

    public init(scoring: PhraseScoring, minCount: Int, threshold: Double, tokens: Int64) {
        self.scoring = scoring
        self.minCount = Int64(minCount)
        self.threshold = threshold
        self.tokens = Double(tokens)
    }

    /// The score of bigram ab, or nil when it cannot be a phrase (counts below min_count).
    @inline(__always)
    public func score(a: Int64, b: Int64, ab: Int64) -> Double? {
        switch scoring {
        case .word2phrase:
            guard a >= minCount, b >= minCount, ab > 0 else { return nil }
            return Double(ab - minCount) / Double(a) / Double(b) * tokens
        case .npmi:
            guard ab >= minCount, Double(ab) < tokens else { return nil }
            let pa = Double(a) / tokens, pb = Double(b) / tokens, pab = Double(ab) / tokens
            return log(pab / (pa * pb)) / -log(pab)
        }
    }

    /// Whether the two words must be joined.
    @inline(__always)
    public func joins(a: Int64, b: Int64, ab: Int64) -> Bool {
        guard let s = score(a: a, b: b, ab: ab) else { return false }
        return s > threshold
    }
}
