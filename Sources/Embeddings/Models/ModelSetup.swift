import Corpus

/// The options of every model family, checked before any corpus is read.
public struct ModelOptions: Sendable {
    /// Word2vec-family settings (the architecture is set per model; the seed per run).
    public var word2vec: Word2VecConfig
    /// FastText's character n-grams.
    public var subwords: SubwordOptions
    /// GloVe's settings (the seed is set per run).
    public var glove: GloVeOptions

    public init(word2vec: Word2VecConfig = Word2VecConfig(), subwords: SubwordOptions = SubwordOptions(),
                glove: GloVeOptions = GloVeOptions()) {
        self.word2vec = word2vec
        self.subwords = subwords
        self.glove = glove
    }
}

/// Everything a model needs to build a run, shared by `train` (one run) and `experiment` (many
/// runs of several models): the corpus and vocabulary, the options of every model family, and the
/// preparation runs of one model share (FastText's n-gram rows, GloVe's shuffled co-occurrence
/// records), made on first use.
public final class ModelSetup {
    public let vocabulary: Vocabulary
    /// The encoded corpus; `releaseCorpus()` drops this reference (GloVe needs it only to count).
    public private(set) var corpus: EncodedCorpus?
    /// Corpus tokens (kept after the corpus is released).
    public let corpusTokens: Int
    public let options: ModelOptions
    public var word2vec: Word2VecConfig { options.word2vec }
    public var subwords: SubwordOptions { options.subwords }
    public var glove: GloVeOptions { options.glove }
    /// The seed GloVe's records are shuffled with (shared by the GloVe runs of an experiment).
    public var gloveShuffleSeed: UInt64
    /// Receives the log lines of shared preparation (GloVe counting and shuffling).
    public var log: (String) -> Void = { _ in }

    public init(vocabulary: Vocabulary, corpus: EncodedCorpus, options: ModelOptions) {
        self.vocabulary = vocabulary
        self.corpus = corpus
        corpusTokens = corpus.tokenCount
        self.options = options
        gloveShuffleSeed = options.glove.seed
    }

    /// The corpus, or an error if it was released.
    public func requireCorpus() throws -> EncodedCorpus {
        guard let corpus else { throw TrainingError.invalidOption("the corpus was released before this run was built") }
        return corpus
    }

    /// Drops the setup's reference to the encoded corpus (the runs that need it hold their own).
    public func releaseCorpus() { corpus = nil }

    private var cachedSubwordRows: SubwordRowTable?
    private var cachedGloVeRecords: ShuffledRecords?
    /// GloVe's counting and shuffling times (zero until the records are made).
    public private(set) var gloveTimes = GloVeStageTimes()

    /// Every word's input rows for FastText (built once).
    public func subwordRows() -> SubwordRowTable {
        if let rows = cachedSubwordRows { return rows }
        let rows = SubwordRowTable(SubwordIndex(vocabulary: vocabulary, options: subwords))
        cachedSubwordRows = rows
        return rows
    }

    /// GloVe's shuffled co-occurrence records (counted and shuffled once, with `gloveShuffleSeed`).
    public func gloveRecords() throws -> ShuffledRecords {
        if let records = cachedGloVeRecords { return records }
        var options = glove
        options.seed = gloveShuffleSeed
        let records = try GloVePipeline.prepareRecords(corpus: try requireCorpus(), vocabularySize: vocabulary.size,
                                                       options: options, times: &gloveTimes, log: log)
        cachedGloVeRecords = records
        return records
    }

    /// The word2vec settings of a run of `architecture` with `seed`.
    public func word2vecConfig(_ architecture: Word2VecArchitecture, seed: UInt64) -> Word2VecConfig {
        options.word2vecConfig(architecture, seed: seed)
    }

    /// The settings line of a word2vec-family model (`train` prints it before training).
    public func describe(_ name: String, _ architecture: Word2VecArchitecture) -> String {
        let c = word2vecConfig(architecture, seed: word2vec.seed)
        return "\(name) dim \(c.dim) window \(c.window) negative \(c.negatives) sample \(c.sample) epochs \(c.epochs) "
            + "alpha \(c.startAlpha) threads \(c.threads)" + (architecture == .skipGram ? " kernel \(c.kernel.rawValue)" : "")
    }
}

extension ModelOptions {
    /// The word2vec settings of a run of `architecture` with `seed`.
    public func word2vecConfig(_ architecture: Word2VecArchitecture, seed: UInt64) -> Word2VecConfig {
        var c = word2vec
        c.architecture = architecture
        c.seed = seed
        return c
    }
}
