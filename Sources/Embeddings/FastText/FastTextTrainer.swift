import Corpus

/// Trains FastText (Bojanowski et al. 2017): the word2vec trainer (`Word2VecTrainer`, which it
/// owns) with an input table of vocabulary rows followed by the rows of the n-gram buckets the
/// vocabulary uses (`SubwordRowTable`), and the word2vec models themselves over the subword
/// mapping (`WordRows`: a word's vector is the mean of its own row and its n-gram rows, and the
/// gradient goes to every one of them): `HogBatchSkipGramModel` by default, `SkipGramModel` with
/// the plain kernel, `CBOWModel` for CBOW. Everything else (sub-sampling, dynamic window,
/// negative sampling, learning-rate schedule, threads) is the word2vec trainer's.
///
/// Like our Skip-Gram, the context words' vectors predict the centre word (fastText's loop has
/// the centre predict its contexts; over a corpus both see the same word pairs). A word with a
/// single row (always so with subwords off) is used in place exactly as Skip-Gram and CBOW use
/// it, so `--minn 0 --maxn 0` gives bit-identical vectors to those models.
public final class FastTextTrainer {
    public let config: Word2VecConfig
    /// The underlying trainer: observers, progress callback and the table live there.
    public let trainer: Word2VecTrainer
    public let rows: SubwordRowTable

    public var table: EmbeddingTable { trainer.table }
    public var subwords: SubwordOptions { rows.options }

    /// Bytes the run will allocate: the table with its bucket rows, the row lists, the sampling
    /// tables and each worker's scratch (including the Skip-Gram ring of composed vectors).
    public static func memoryEstimate(config: Word2VecConfig, rows: SubwordRowTable) -> Int {
        let stride = EmbeddingTable.stride(for: config.dim)
        let ring = 2 * (2 * config.window + 1) * stride * 4
        return Word2VecTrainer.memoryEstimate(config: config, vocabularySize: rows.words, inputRows: rows.inputRows)
            + rows.memoryBytes + config.threads * ring
    }

    /// Validates, allocates the table (words, then used buckets) and initialises it (word2vec's
    /// init). `rows` comes from the same vocabulary (`SubwordRowTable(SubwordIndex(vocabulary:options:))`).
    public init(config: Word2VecConfig, vocabulary: Vocabulary, corpus: EncodedCorpus, rows: SubwordRowTable) throws {
        try config.validate()
        do { try rows.options.validate() } catch let e as CorpusError { throw TrainingError.invalidOption(e.description) }
        if config.kernel == .blas && config.architecture == .skipGram {
            throw TrainingError.invalidOption("--kernel blas is for skipgram only; FastText uses batch or plain")
        }
        precondition(rows.words == vocabulary.size, "the subword rows must come from the same vocabulary")
        self.config = config
        self.rows = rows
        trainer = try Word2VecTrainer(config: config, vocabulary: vocabulary, corpus: corpus, inputRows: rows.inputRows)
    }

    public func train() throws -> TrainingSummary {
        let vocabulary = trainer.vocabulary
        let loss = NegativeSamplingLoss(negatives: config.negatives, noise: NoiseDistribution(counts: vocabulary.counts),
                                        table: table.handle)
        let subwords = rows.handle
        switch (config.architecture, config.kernel) {
        case (.skipGram, .batch), (.skipGram, .blas):
            return try trainer.run(HogBatchSkipGramModel(loss: loss, table: table.handle, rows: subwords, window: config.window,
                                                         owner: rows))
        case (.skipGram, .plain):
            return try trainer.run(SkipGramModel(loss: loss, table: table.handle, rows: subwords, owner: rows))
        case (.cbow, _):
            return try trainer.run(CBOWModel(loss: loss, table: table.handle, mean: config.cbowMean, rows: subwords, owner: rows))
        }
    }

    /// What the model file records about this run.
    public func hyperparameters(minCount: Int) -> FastTextHyperparameters {
        var h = FastTextHyperparameters()
        h.cbow = config.architecture == .cbow
        h.dim = config.dim
        h.window = config.window
        h.negatives = config.negatives
        h.epochs = config.epochs
        h.minCount = minCount
        h.sample = config.sample
        h.alpha = config.startAlpha
        h.minAlpha = config.endAlpha
        h.seed = config.seed
        h.subwords = rows.options
        return h
    }

    /// Writes the word vectors (each the mean of its rows) in word2vec text or binary format.
    public func writeVectors(to path: String, binary: Bool) throws {
        try Word2VecWriter.write(vectors: .subwordMean(table: table.handle, rows: rows), vocabulary: trainer.vocabulary,
                                 to: path, binary: binary)
    }

    /// Writes the model file (`FastTextModelFile`).
    public func saveModel(to path: String, minCount: Int) throws {
        try FastTextModelFile.write(to: path, hyperparameters: hyperparameters(minCount: minCount),
                                    vocabulary: trainer.vocabulary, usedBuckets: rows.usedBuckets, table: table)
    }
}
