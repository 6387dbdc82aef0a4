import Corpus
import EmbedBase

/// FastText (Bojanowski et al. 2017) on the word2vec trainer: a word's vector is the mean of its
/// own row and its character n-gram rows (`SubwordRowTable`, shared by the runs of a setup).
enum FastTextRuns {
    /// The settings line: the word2vec one plus the n-grams and the rows they take.
    static func describe(_ name: String, _ architecture: Word2VecArchitecture, _ setup: ModelSetup) -> String {
        let rows = setup.subwordRows()
        let o = rows.options
        let note = o.enabled
            ? " minn \(o.minn) maxn \(o.maxn) bucket \(o.buckets) (\(rows.usedBuckets.count) buckets used by the vocabulary: "
                + "\(Format.bytes(EmbeddingTable.memoryEstimate(inputRows: rows.usedBuckets.count, outputRows: 0, dim: setup.word2vec.dim))) of n-gram rows, "
                + "\(Format.fixed(Double(rows.totalRows) / Double(max(setup.vocabulary.size, 1)))) rows per word)"
            : " no subwords"
        return setup.describe(name, architecture) + note
    }

    static func validate(_ options: ModelOptions) throws {
        try options.word2vec.validate()
        do { try options.subwords.validate() } catch let e as CorpusError { throw TrainingError.invalidOption(e.description) }
    }

    static func makeRun(_ setup: ModelSetup, seed: UInt64, architecture: Word2VecArchitecture) throws -> any ModelRun {
        let config = setup.word2vecConfig(architecture, seed: seed)
        let fastText = try FastTextTrainer(config: config, vocabulary: setup.vocabulary, corpus: try setup.requireCorpus(),
                                           rows: setup.subwordRows())
        let vectors = EvaluatedVectors.subwordMean(table: fastText.table.handle, rows: fastText.rows)
        let composition = architecture == .skipGram ? compositionFlops(setup, fastText.rows, config) : 0
        return Word2VecRun(trainer: fastText.trainer, vectors: vectors, train: { _ in try fastText.train() }, flops: {
            architecture == .cbow
                ? PrimaryFlops.cbow(predictions: $0.predictions, dim: config.dim, negatives: config.negatives, window: config.window)
                : PrimaryFlops.skipGram(predictions: $0.predictions, dim: config.dim, negatives: config.negatives) + composition
        }, modelFile: { path, format, minCount, tokens in
            try fastText.save(to: path, format: format, minCount: minCount, tokens: tokens)
        }, subwords: fastText.rows)
    }

    /// Expected composition FLOPs per epoch of FastText Skip-Gram (`PrimaryFlops.fastTextComposition`).
    static func compositionFlops(_ setup: ModelSetup, _ rows: SubwordRowTable, _ config: Word2VecConfig) -> Double {
        let v = setup.vocabulary
        let sampler = SubSampler(vocabulary: v, sample: config.sample)
        return PrimaryFlops.fastTextComposition(
            counts: v.counts, rowCounts: (0..<v.size).map { rows.rows(of: $0).count },
            keep: (0..<v.size).map { sampler.keepProbability($0) }, dim: config.dim)
    }
}

/// FastText Skip-Gram: words and their character n-grams (fastText's `skipgram`).
public enum FastTextDefinition: ModelDefinition {
    public static let name = "fasttext"
    public static let label = "FastText"
    public static let summary = "FastText Skip-Gram: a word is its row plus its character n-gram rows (fastText skipgram); vectors for unseen words."
    public static let usesSubwords = true
    public static let savesModelFile = true
    public static let inDefaultExperiment = true

    public static func validate(_ options: ModelOptions) throws {
        try FastTextRuns.validate(options)
        if options.word2vec.kernel == .blas {
            throw TrainingError.invalidOption("--kernel blas is for skipgram only; FastText uses batch or plain")
        }
    }

    public static func memoryEstimate(_ setup: ModelSetup) -> Int {
        FastTextTrainer.memoryEstimate(config: setup.word2vec, rows: setup.subwordRows())
    }

    public static func describe(_ setup: ModelSetup) -> String { FastTextRuns.describe(name, .skipGram, setup) }

    public static func makeRun(_ setup: ModelSetup, seed: UInt64) throws -> any ModelRun {
        try FastTextRuns.makeRun(setup, seed: seed, architecture: .skipGram)
    }
}

/// FastText CBOW: the mean of all the context words' rows predicts the word (fastText's `cbow`).
public enum FastTextCBOWDefinition: ModelDefinition {
    public static let name = "fasttext-cbow"
    public static let label = "FastText CBOW"
    public static let summary = "FastText CBOW: the mean of the context words' rows and n-gram rows predicts the word (fastText cbow)."
    public static let usesSubwords = true
    public static let savesModelFile = true

    public static func validate(_ options: ModelOptions) throws { try FastTextRuns.validate(options) }

    public static func memoryEstimate(_ setup: ModelSetup) -> Int {
        FastTextTrainer.memoryEstimate(config: setup.word2vecConfig(.cbow, seed: 1), rows: setup.subwordRows())
    }

    public static func describe(_ setup: ModelSetup) -> String { FastTextRuns.describe(name, .cbow, setup) }

    public static func makeRun(_ setup: ModelSetup, seed: UInt64) throws -> any ModelRun {
        try FastTextRuns.makeRun(setup, seed: seed, architecture: .cbow)
    }
}
