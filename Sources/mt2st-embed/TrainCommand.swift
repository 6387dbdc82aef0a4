import ArgumentParser
import Corpus
import EmbedBase
import Embeddings
import Experiments
import Foundation

extension ScheduleKind {
    /// The registry's schedules for help texts: "stl (single-task...), mtl (...), ...".
    static var helpList: String {
        ScheduleRegistry.definitions.map { "\($0.name) (\($0.summary))" }.joined(separator: ", ")
    }
}

/// `--model`: any model of the registry (`ModelRegistry`).
extension ModelKind: ExpressibleByArgument {}

extension ModelKind {
    /// The registry's models for help texts: "skipgram (Skip-Gram with ...), cbow (...), ...".
    static var helpList: String {
        ModelRegistry.definitions.map { "\($0.name): \($0.summary)" }.joined(separator: " ")
    }

    /// The registered names of the models with `property`, "a, b or c".
    static func names(where property: (any ModelDefinition.Type) -> Bool) -> String {
        var names: [String] = []
        for definition in ModelRegistry.definitions where property(definition) { names.append(definition.name) }
        return names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}

extension Word2VecKernel: ExpressibleByArgument {}

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train word vectors (Skip-Gram, CBOW, FastText, Structured Skip-Gram with negative sampling, or GloVe) and write them in word2vec format.",
        discussion: """
        Reads the corpus once, then trains with --threads workers updating one shared table without \
        locks (Hogwild). Progress goes to stderr; the vectors are written only when training \
        succeeded (temporary file, then rename). Same --seed with --threads 1 gives identical vectors.
        """)

    @OptionGroup var corpus: CorpusOptionGroup

    @Option(name: .long, help: ArgumentHelp("The model (default skipgram). \(ModelKind.helpList)"))
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

    @Option(name: .long, help: ArgumentHelp("FastText: also write the model (hyper-parameters, vocabulary, word and n-gram rows, output rows) here, for 'vector --model' and 'neighbors --model' on words never seen, or fastText's and gensim's loaders.", valueName: "file"))
    var saveModel: String?

    @Option(name: .long, help: ArgumentHelp("Format of --save-model: fasttext (fastText's .bin, version 12: fastText, gensim's load_facebook_model and our commands read it; all --bucket rows are written, those no vocabulary word uses as zeros) or mt2st (our compact memory-mapped format: only the buckets the vocabulary uses, no output rows).", valueName: "fasttext|mt2st"))
    var modelFormat: ModelFileFormat = .fasttext

    @OptionGroup(title: "GloVe options (--model glove)") var glove: GloVeOptionGroup

    @OptionGroup(title: "Warm start") var warmStart: WarmStartOptionGroup

    @Option(name: .customLong("schedule"), help: ArgumentHelp("MT2ST schedule of the auxiliary tasks: \(ScheduleKind.helpList). The auxiliary steps move the vectors that are written: a FastText word's n-gram rows with its own row, GloVe's W and W~ (with --glove-output sum). Default: stl, or \(KnowledgeOptionGroup.defaultSchedule.rawValue) with knowledge tasks."))
    var scheduleOption: ScheduleKind?

    var schedule: ScheduleKind { scheduleOption ?? (knowledge.isRequested ? KnowledgeOptionGroup.defaultSchedule : .stl) }

    /// Knowledge tasks without --schedule: the measured preset (`KnowledgeOptionGroup.defaultSchedule`).
    var usesKnowledgePreset: Bool { scheduleOption == nil && knowledge.isRequested }

    func scheduleParameters(epochs: Int) throws -> ScheduleParameters {
        var p = try scheduleOptions.parameters(kind: schedule, defaultSignal: .primaryLoss)
        if usesKnowledgePreset { KnowledgeOptionGroup.applyPreset(to: &p, epochs: epochs, scheduleOptions) }
        return p
    }

    var auxiliaryOptions: AuxiliaryTraining.Options {
        var o = scheduleOptions.auxiliaryOptions
        if usesKnowledgePreset { KnowledgeOptionGroup.applyPreset(to: &o, scheduleOptions) }
        return o
    }

    @Option(name: .long, help: ArgumentHelp("Auxiliary analogy questions to train on (questions-words.txt format; pass a train split, e.g. splits/analogies-train.txt from `split`).", valueName: "file"))
    var auxAnalogies: String?

    @Option(name: .long, help: ArgumentHelp("Auxiliary similarity pairs to train on ('word1 word2 score'; scores rescaled to [0, 1]).", valueName: "file"))
    var auxSimilarity: String?

    @OptionGroup(title: "MT2ST schedule") var scheduleOptions: ScheduleOptionGroup

    @OptionGroup(title: "MT2ST knowledge tasks") var knowledge: KnowledgeOptionGroup

    @OptionGroup(title: "Evaluation during training") var evaluation: EvaluationOptionGroup

    @OptionGroup(title: "Progress") var progress: ProgressOptionGroup

    /// Progress and evaluation around the trainer; parses the evaluation files (before any work).
    func monitor(threads: Int, lossName: String) throws -> TrainingMonitor {
        if evaluation.keepBest && saveModel != nil {
            printErr("mt2st-embed: warning: --keep-best applies to --output; --save-model holds the last epoch's rows")
        }
        return try TrainingMonitor(evaluation: evaluation, progress: progress, model: model.rawValue, quiet: quiet, threads: threads,
                                   lossName: lossName)
    }

    @OptionGroup(title: "Several processes (mpirun -np N mt2st-embed train ...)") var distributed: DistributedOptionGroup

    /// The schedule's options, checked before any work.
    func auxiliaryCheck(_ parameters: ScheduleParameters, epochs: Int) throws {
        try parameters.validate(epochs: epochs)
        try auxiliaryOptions.validate()
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
                 + "\(auxiliaryOptions.examplesPerRound) examples per task every \(auxiliaryOptions.everyTokens) tokens per thread"
                 + (schedule == .switch ? ", until epoch \(parameters.switchAt)" : ""))
        let noise = NoiseDistribution(counts: [Int64](repeating: 1, count: min(v.size, 30_000)))
        let options = auxiliaryOptions
        var tasks: [AuxiliaryTraining.Task] = []
        if given {
            let analogy = AnalogyObjective(vectors: vectors, negatives: options.negatives, temperature: options.temperature, noise: noise)
            tasks.append(.init(objective: AnalogyTask(objective: analogy, examples: files.analogies), schedule: parameters.makeSchedule()))
            tasks.append(.init(objective: SimilarityTask(objective: SimilarityObjective(vectors: vectors), examples: files.similarities),
                               schedule: parameters.makeSchedule()))
        }
        tasks += try knowledge.tasks(parameters, vectors: vectors, vocabulary: v, noise: noise, options: options)
        return AuxiliaryTraining(tasks: tasks, stride: vectors.stride, threads: threads, options: options)
    }

    /// Every model family's options from the command line (validated by the chosen model).
    func modelOptions() throws -> ModelOptions {
        var w = training.word2vecConfig(architecture: .skipGram)
        w.kernel = kernel
        w.seed = seed
        w.cbowMean = !cbowSum
        var g = training.gloveOptions(defaultEpochs: 15)
        g.seed = seed
        if model.definition.family == .glove { try glove.apply(to: &g) } else { try? glove.apply(to: &g) }
        return ModelOptions(word2vec: w, subwords: subwords.options, glove: g)
    }

    func validate() throws {
        if model.definition.usesSubwords {
            _ = try subwords.validated()
        } else if saveModel != nil {
            throw ValidationError("--save-model needs --model \(ModelKind.names { $0.savesModelFile })")
        }
    }

    func run() throws {
        try runReportingErrors {
            let clock = WallClock()
            let definition = model.definition
            let options = try modelOptions()
            try definition.validate(options)
            if definition.family == .glove { try DistributedRun.refuseSeveralProcesses("--model glove") }
            let parameters = try scheduleParameters(epochs: definition.epochs(options))
            try auxiliaryCheck(parameters, epochs: definition.epochs(options))
            try outputPlan.check()
            try OutputPath.checkWritable(output)
            if let saveVocab { try OutputPath.checkWritable(saveVocab) }
            if let saveModel { try OutputPath.checkWritable(saveModel) }
            let monitor = try monitor(threads: training.threads, lossName: definition.lossName)
            let start = try warmStart.load(dim: definition.family == .glove ? options.glove.dim : options.word2vec.dim)
            let cluster = definition.family == .glove ? nil
                : try DistributedRun.begin(settings: distributedSettings(options.word2vec), options: distributed.syncOptions,
                                           threads: training.threads, unsupported: distributedUnsupported)
            let fixed = try readVocab.map {
                try Vocabulary.load(from: $0, minCount: corpus.minCount, maxVocab: corpus.maxVocab)
            }
            let v: Vocabulary
            let run: any ModelRun
            let tokensRead: Int64
            let tokensPerEpoch: Int
            do {
                let built = try cluster?.buildCorpus(sources: corpus.sources, options: corpus.corpusOptions(), vocabulary: fixed)
                    ?? CorpusBuilder.build(sources: try corpus.sources(), options: corpus.corpusOptions(), vocabulary: fixed)
                tokensPerEpoch = built.encoded.tokenCount
                v = built.vocabulary
                tokensRead = Int64(built.statistics.corpusTokens)
                printErr("vocabulary: \(v.size) words, \(built.encoded.tokenCount) training tokens "
                         + "(read \(built.statistics.corpusTokens) tokens in \(Format.seconds(clock.seconds)))")
                let setup = ModelSetup(vocabulary: v, corpus: built.encoded, options: options)
                setup.gloveShuffleSeed = seed
                setup.log = { if !quiet { printErr($0) } }
                printErr("memory: about \(Format.bytes(definition.memoryEstimate(setup))) for the model, \(definition.describe(setup))")
                // Each process samples with its own seed; the table starts from --seed on all (`attach`).
                run = try definition.makeRun(setup, seed: cluster?.workerSeed(seed) ?? seed)
                // The runs that need the encoded corpus hold it; GloVe's is released here.
                setup.releaseCorpus()
            }
            if let start { printErr(try run.warmStart(start).description) }
            if let training = try auxiliaryTraining(parameters, vectors: run.vectors, vocabulary: v, threads: training.threads) {
                run.attach(auxiliary: training)
                run.attach(observer: AuxiliaryEpochReporter(training: training) { printErr($0) })
            }
            if let cluster {
                guard let word2vec = run as? Word2VecRun else { throw ValidationError("--model \(model.rawValue) cannot train over several processes yet") }
                try cluster.attach(trainer: word2vec.trainer, rows: word2vec.subwords, originalSeed: seed, tokensPerEpoch: tokensPerEpoch,
                                   model: model.rawValue, quiet: quiet)
            } else {
                try monitor.attach(to: run, vocabulary: v)
            }
            if let summary = try monitor.train({ try DistributedRun.train(cluster) { try run.train() } }) {
                printErr("trained \(summary.tokens) \(run.unit) in \(String(format: "%.2f", summary.seconds)) s: "
                         + "\(Format.count(summary.wordsPerSecond)) \(run.unit)/s (\(Format.count(summary.wordsPerSecond / Double(summary.threads))) per thread), "
                         + "final \(definition.lossName) \(String(format: "%.4f", summary.finalLoss))")
                for line in run.report { printErr(line) }
            }
            guard cluster?.isRoot ?? true else { return } // process 0 writes the outputs
            let modelClock = WallClock()
            let savedModel = try OutputTransaction.run { () throws -> String? in // all of --output, --save-vocab, --save-model, or none
                if try !monitor.writeKeptVectors(to: output, vocabulary: v, binary: binary) {
                    try run.writeVectors(to: output, binary: binary)
                }
                if let saveVocab { try v.save(to: saveVocab) }
                return try saveModel.map { try run.saveModel(to: $0, format: modelFormat, minCount: corpus.minCount, corpusTokens: tokensRead) }
            }
            if let saveModel, let savedModel {
                printErr("wrote the model to \(saveModel) (\(savedModel)) in \(Format.seconds(modelClock.seconds))")
            }
            monitor.finish(output: output)
            let peak = PeakMemory.residentMiB().map { ", peak RSS \($0) MiB" } ?? ""
            printErr("wrote \(output) (\(v.size) x \(training.dim), \(binary ? "binary" : "text")) in \(Format.seconds(clock.seconds)) total\(peak)")
        }
    }
}
