import Corpus
import Embeddings

/// The models an experiment compares (the paper's four).
public enum ExperimentModel: String, CaseIterable, Sendable {
    case skipgram
    case cbow
    /// FastText Skip-Gram (character n-gram subwords).
    case fasttext
    case glove
}

/// One model's side of a run: its evaluated vectors, where the auxiliary work and the epoch
/// observer plug in, its primary FLOPs per epoch and the training itself. The runner does the
/// rest (schedules, evaluation, records) the same way for every model.
protocol ModelRun: AnyObject {
    var vectors: EvaluatedVectors { get }
    func attach(auxiliary: AuxiliaryTraining)
    func attach(observer: EpochObserver)
    func primaryFlops(_ epoch: EpochSummary) -> Double
    func train() throws
}

/// Skip-Gram or CBOW.
final class Word2VecRun: ModelRun {
    let trainer: Word2VecTrainer
    let vectors: EvaluatedVectors

    init(config: Word2VecConfig, vocabulary: Vocabulary, corpus: EncodedCorpus) throws {
        trainer = try Word2VecTrainer(config: config, vocabulary: vocabulary, corpus: corpus)
        vectors = EvaluatedVectors(table: trainer.table.handle, words: vocabulary.size)
    }

    func attach(auxiliary: AuxiliaryTraining) {
        trainer.interleaved = AuxiliaryWorkerTask(training: auxiliary, tokensPerEpoch: trainer.corpus.tokenCount,
                                                  threads: trainer.config.threads)
    }

    func attach(observer: EpochObserver) { trainer.observers.append(observer) }

    func primaryFlops(_ epoch: EpochSummary) -> Double {
        let c = trainer.config
        return c.architecture == .cbow
            ? PrimaryFlops.cbow(predictions: epoch.predictions, dim: c.dim, negatives: c.negatives, window: c.window)
            : PrimaryFlops.skipGram(predictions: epoch.predictions, dim: c.dim, negatives: c.negatives)
    }

    func train() throws { _ = try trainer.train() }
}

/// FastText Skip-Gram: the evaluated vector of a word is the mean of its rows.
final class FastTextRun: ModelRun {
    let trainer: FastTextTrainer
    let vectors: EvaluatedVectors
    /// Expected composition FLOPs per epoch (see `PrimaryFlops.fastTextComposition`).
    let compositionFlops: Double

    init(config: Word2VecConfig, vocabulary: Vocabulary, corpus: EncodedCorpus, rows: SubwordRowTable) throws {
        trainer = try FastTextTrainer(config: config, vocabulary: vocabulary, corpus: corpus, rows: rows)
        vectors = .subwordMean(table: trainer.table.handle, rows: rows)
        let sampler = SubSampler(vocabulary: vocabulary, sample: config.sample)
        compositionFlops = PrimaryFlops.fastTextComposition(
            counts: vocabulary.counts, rowCounts: (0..<vocabulary.size).map { rows.rows(of: $0).count },
            keep: (0..<vocabulary.size).map { sampler.keepProbability($0) }, dim: config.dim)
    }

    func attach(auxiliary: AuxiliaryTraining) {
        trainer.trainer.interleaved = AuxiliaryWorkerTask(training: auxiliary, tokensPerEpoch: trainer.trainer.corpus.tokenCount,
                                                          threads: trainer.config.threads)
    }

    func attach(observer: EpochObserver) { trainer.trainer.observers.append(observer) }

    func primaryFlops(_ epoch: EpochSummary) -> Double {
        let c = trainer.config
        return PrimaryFlops.skipGram(predictions: epoch.predictions, dim: c.dim, negatives: c.negatives) + compositionFlops
    }

    func train() throws { _ = try trainer.train() }
}

/// GloVe on co-occurrence records shared by all GloVe runs of the experiment; the evaluated
/// vector is W + W~ (or W with `output == .word`), as written by `train --model glove`.
final class GloVeRun: ModelRun {
    let trainer: GloVeTrainer
    let records: ShuffledRecords
    let corpusTokens: Int
    let vectors: EvaluatedVectors

    init(options: GloVeOptions, vocabularySize: Int, records: ShuffledRecords, corpusTokens: Int) throws {
        trainer = try GloVeTrainer(vocabularySize: vocabularySize, options: options)
        self.records = records
        self.corpusTokens = corpusTokens
        vectors = EvaluatedVectors(table: trainer.table.handle, words: vocabularySize,
                                   composition: options.output == .sum ? .inputPlusOutput : .inputRow)
    }

    func attach(auxiliary: AuxiliaryTraining) {
        trainer.interleaved = AuxiliaryGloVeTask(training: auxiliary, records: records.count, corpusTokens: corpusTokens)
    }

    func attach(observer: EpochObserver) { trainer.observers.append(observer) }

    func primaryFlops(_ epoch: EpochSummary) -> Double {
        PrimaryFlops.glove(records: epoch.predictions, dim: trainer.options.dim)
    }

    func train() throws { try trainer.train(records) }
}
