import ArgumentParser
import Corpus
import Embeddings
import Experiments
import Foundation

/// The models `train` knows; each dispatches to its trainer (FastText and GloVe plug in here).
enum ModelKind: String, ExpressibleByArgument, CaseIterable {
    case skipgram
    case cbow
    case glove
    case fasttext
    case fasttextCBOW = "fasttext-cbow"

    var architecture: Word2VecArchitecture { self == .cbow || self == .fasttextCBOW ? .cbow : .skipGram }
    var usesSubwords: Bool { self == .fasttext || self == .fasttextCBOW }
}

extension Word2VecKernel: ExpressibleByArgument {}

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train word vectors (Skip-Gram, CBOW or FastText with negative sampling, or GloVe) and write them in word2vec format.",
        discussion: """
        Reads the corpus once, then trains with --threads workers updating one shared table without \
        locks (Hogwild). Progress goes to stderr; the vectors are written only when training \
        succeeded (temporary file, then rename). Same --seed with --threads 1 gives identical vectors.
        """)

    @OptionGroup var corpus: CorpusOptionGroup

    @Option(name: .long, help: "Model: skipgram, cbow, fasttext (Skip-Gram on words and their character n-grams), fasttext-cbow, or glove (co-occurrence counting + weighted least squares; see the GloVe options below).")
    var model: ModelKind = .skipgram

    @Option(name: .long, help: ArgumentHelp("Write the vectors here (word2vec text format, or binary with --binary).", valueName: "file"))
    var output: String

    @OptionGroup var training: TrainingOptionGroup

    @Option(name: .long, help: "Random seed (initialisation, sampling).")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Skip-Gram and FastText Skip-Gram update kernel: batch (HogBatch: a window shares its negatives, small SIMD matrix products; fastest), plain (word2vec's per-pair loop) or blas (HogBatch through OpenBLAS sgemm; Skip-Gram only).")
    var kernel: Word2VecKernel = .batch

    @Flag(name: .long, help: "CBOW: sum the context vectors instead of averaging them.")
    var cbowSum = false

    @Flag(name: .long, help: "Write word2vec binary format instead of text.")
    var binary = false

    @Option(name: .long, help: ArgumentHelp("Also write the vocabulary ('word count' lines) here.", valueName: "file"))
    var saveVocab: String?

    @Option(name: .long, help: ArgumentHelp("Use this vocabulary ('word count' lines) instead of counting the corpus; --min-count and --max-vocab still apply.", valueName: "file"))
    var readVocab: String?

    @Flag(name: .long, help: "No progress line.")
    var quiet = false

    @OptionGroup(title: "FastText options (--model fasttext, fasttext-cbow)") var subwords: SubwordOptionGroup

    @Option(name: .long, help: ArgumentHelp("FastText: also write the model (hyper-parameters, vocabulary, word and n-gram rows) here, for 'vector --model' and 'neighbors --model' on words never seen.", valueName: "file"))
    var saveModel: String?

    @OptionGroup(title: "GloVe options (--model glove)") var glove: GloVeOptionGroup

    @Option(name: .customLong("schedule"), help: "MT2ST schedule of the auxiliary tasks: stl (none), mtl (constant γ₀), diminish (γ₀·exp(−η·t^ν)), switch (γ₀ until --switch-at, then none) or adaptive (switch when the primary loss stops improving). The auxiliary steps move the vectors that are written: a FastText word's n-gram rows with its own row, GloVe's W and W~ (with --glove-output sum). Default: stl, or \(KnowledgeOptionGroup.defaultSchedule.rawValue) with knowledge tasks.")
    var scheduleOption: ScheduleKind?

    var schedule: ScheduleKind { scheduleOption ?? (knowledge.isRequested ? KnowledgeOptionGroup.defaultSchedule : .stl) }

    @Option(name: .long, help: ArgumentHelp("Auxiliary analogy questions to train on (questions-words.txt format; pass a train split, e.g. splits/analogies-train.txt from `split`).", valueName: "file"))
    var auxAnalogies: String?

    @Option(name: .long, help: ArgumentHelp("Auxiliary similarity pairs to train on ('word1 word2 score'; scores rescaled to [0, 1]).", valueName: "file"))
    var auxSimilarity: String?

    @OptionGroup(title: "MT2ST schedule") var scheduleOptions: ScheduleOptionGroup

    @OptionGroup(title: "MT2ST knowledge tasks") var knowledge: KnowledgeOptionGroup

    /// The schedule's options, checked before any work.
    func auxiliaryCheck(_ parameters: ScheduleParameters, epochs: Int) throws {
        try parameters.validate(epochs: epochs)
        try scheduleOptions.auxiliaryOptions.validate()
        if schedule == .stl {
            if auxAnalogies != nil || auxSimilarity != nil || knowledge.isRequested {
                printErr("mt2st-embed: warning: the auxiliary data (--aux-*, --knowledge) is ignored with --schedule stl")
            }
            return
        }
        if auxAnalogies == nil && auxSimilarity == nil && !knowledge.isRequested {
            throw ValidationError("--schedule \(schedule.rawValue) needs auxiliary data: --aux-analogies, --aux-similarity, --knowledge, --aux-relations or --aux-constraints")
        }
        _ = try knowledge.files()
        if schedule == .adaptive && parameters.signal == .devAccuracy {
            throw ValidationError("--adaptive-signal dev-accuracy needs a dev set: use `experiment`, or --adaptive-signal primary-loss")
        }
    }

    /// The auxiliary tasks of a non-STL schedule on `vectors` (nil with stl); prints what they train on.
    func auxiliaryTraining(_ parameters: ScheduleParameters, vectors: EvaluatedVectors, vocabulary v: Vocabulary,
                           threads: Int) throws -> AuxiliaryTraining? {
        guard schedule != .stl else { return nil }
        let files = try AuxiliaryFiles.load(analogies: auxAnalogies, similarity: auxSimilarity, vocabulary: v)
        let given = auxAnalogies != nil || auxSimilarity != nil
        printErr("MT2ST \(schedule.rawValue): " + (given ? "\(files.analogies.count) analogy questions (\(files.skippedAnalogies) out of vocabulary), "
                 + "\(files.similarities.count) similarity pairs (\(files.skippedSimilarities) out of vocabulary); " : "knowledge tasks; ")
                 + "\(scheduleOptions.auxExamples) examples per task every \(scheduleOptions.auxEvery) tokens per thread")
        let noise = NoiseDistribution(counts: [Int64](repeating: 1, count: min(v.size, 30_000)))
        let training = AuxiliaryTraining(
            vectors: vectors, analogies: files.analogies, similarities: files.similarities,
            analogySchedule: parameters.makeSchedule(), similaritySchedule: parameters.makeSchedule(),
            noise: noise, threads: threads, options: scheduleOptions.auxiliaryOptions)
        training.knowledge = try knowledge.tasks(parameters, vectors: vectors, vocabulary: v, noise: noise,
                                                 negatives: scheduleOptions.auxNegatives, threads: threads)
        return training
    }

    func word2vecConfig() -> Word2VecConfig {
        var c = training.word2vecConfig(architecture: model.architecture)
        c.kernel = kernel
        c.seed = seed
        c.cbowMean = !cbowSum
        return c
    }

    func validate() throws {
        if model.usesSubwords {
            _ = try subwords.validated()
        } else if saveModel != nil {
            throw ValidationError("--save-model needs --model fasttext or fasttext-cbow")
        }
    }

    func run() throws {
        try runReportingErrors {
            if model == .glove { return try runGloVe() }
            let clock = WallClock()
            let config = word2vecConfig()
            try config.validate()
            let parameters = scheduleOptions.parameters(kind: schedule, defaultSignal: .primaryLoss)
            try auxiliaryCheck(parameters, epochs: config.epochs)
            try OutputPath.checkWritable(output)
            if let saveVocab { try OutputPath.checkWritable(saveVocab) }
            if let saveModel { try OutputPath.checkWritable(saveModel) }

            let fixed = try readVocab.map {
                try Vocabulary.load(from: $0, minCount: corpus.minCount, maxVocab: corpus.maxVocab)
            }
            let built = try CorpusBuilder.build(path: corpus.input, options: corpus.corpusOptions(), vocabulary: fixed)
            let v = built.vocabulary
            // FastText: every word's n-gram rows, computed once, before the estimate and the table.
            let index = model.usesSubwords ? SubwordRowTable(SubwordIndex(vocabulary: v, options: subwords.options)) : nil
            let estimate = index.map { FastTextTrainer.memoryEstimate(config: config, rows: $0) }
                ?? Word2VecTrainer.memoryEstimate(config: config, vocabularySize: v.size)
            printErr("vocabulary: \(v.size) words, \(built.encoded.tokenCount) training tokens "
                     + "(read \(built.statistics.corpusTokens) tokens in \(Format.seconds(clock.seconds)))")
            let subwordNote = index.map { i in
                i.options.enabled
                    ? " minn \(subwords.minn) maxn \(subwords.maxn) bucket \(subwords.bucket) (\(i.usedBuckets.count) buckets used by the vocabulary: "
                        + "\(Format.bytes(EmbeddingTable.memoryEstimate(inputRows: i.usedBuckets.count, outputRows: 0, dim: config.dim))) of n-gram rows, "
                        + "\(String(format: "%.1f", Double(i.totalRows) / Double(max(v.size, 1)))) rows per word)"
                    : " no subwords"
            } ?? ""
            printErr("memory: about \(Format.bytes(estimate)) for the model, \(model.rawValue) dim \(config.dim) window \(config.window) "
                     + "negative \(config.negatives) sample \(config.sample) epochs \(config.epochs) alpha \(config.startAlpha) "
                     + "threads \(config.threads)\(config.architecture == .skipGram ? " kernel \(kernel.rawValue)" : "")\(subwordNote)")

            let fastText = try index.map { try FastTextTrainer(config: config, vocabulary: v, corpus: built.encoded, rows: $0) }
            let trainer = try fastText?.trainer ?? Word2VecTrainer(config: config, vocabulary: v, corpus: built.encoded)
            let vectors = fastText.map { EvaluatedVectors.subwordMean(table: $0.table.handle, rows: $0.rows) }
                ?? EvaluatedVectors(table: trainer.table.handle, words: v.size)
            if let training = try auxiliaryTraining(parameters, vectors: vectors, vocabulary: v, threads: config.threads) {
                trainer.interleaved = AuxiliaryWorkerTask(training: training, tokensPerEpoch: built.encoded.tokenCount, threads: config.threads)
                trainer.observers.append(AuxiliaryEpochReporter(training: training) { printErr($0) })
            }
            let printer = ProgressPrinter(model: model.rawValue, quiet: quiet)
            trainer.progressInterval = printer.interval
            if !quiet {
                trainer.onProgress = { printer.show($0) }
                trainer.observers.append(printer)
            }
            let summary = try fastText?.train() ?? trainer.train()
            printer.finish()
            printErr("trained \(summary.tokens) words in \(String(format: "%.2f", summary.seconds)) s: "
                     + "\(Format.count(summary.wordsPerSecond)) words/s (\(Format.count(summary.wordsPerSecond / Double(summary.threads))) per thread), "
                     + "final loss \(String(format: "%.4f", summary.finalLoss))")

            if let fastText {
                try fastText.writeVectors(to: output, binary: binary)
            } else {
                try Word2VecWriter.write(table: trainer.table, vocabulary: v, to: output, binary: binary)
            }
            if let saveVocab { try v.save(to: saveVocab) }
            if let saveModel, let fastText {
                try fastText.saveModel(to: saveModel, minCount: corpus.minCount)
                printErr("wrote the model to \(saveModel) (\(fastText.table.inputRows) rows x \(config.dim))")
            }
            printErr("wrote \(output) (\(v.size) x \(config.dim), \(binary ? "binary" : "text")) in \(Format.seconds(clock.seconds)) total")
        }
    }
}
