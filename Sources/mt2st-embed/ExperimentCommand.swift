import ArgumentParser
import Corpus
import EmbedBase
import Embeddings
import Experiments
import Foundation

struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Reproduce the MT2ST paper's Table 1: train every model × strategy × seed and report.",
        discussion: """
        Splits the analogy file's word pairs (per section, seeded: 60/20/20) and the similarity pairs \
        (50/50) into train/dev/test; the auxiliary tasks train only on the train parts; dev accuracy \
        picks each run's convergence epoch; only test figures are reported. Every run is evaluated at \
        every epoch end, in memory. Writes into --output: runs.csv (one row per run and epoch), \
        table.md (the paper's Table 1 layout, ours beside the paper's), <model>-{dev-accuracy,\
        primary-loss,gamma}.svg and splits/ (the split files, readable by `evaluate`). A run that fails \
        is reported and the others continue.
        """)

    @OptionGroup var corpus: CorpusOptionGroup

    @Option(name: .long, help: ArgumentHelp("Analogy questions (Google questions-words.txt format).", valueName: "file"))
    var analogies: String

    @Option(name: .long, help: ArgumentHelp("Word-similarity pairs ('word1 word2 score' lines, e.g. wordsim353.tsv).", valueName: "file"))
    var similarity: String

    @Option(name: .long, help: ArgumentHelp("Directory for the results (created if missing).", valueName: "dir"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("Comma-separated models of the registry: \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")) (see `train --help`)."))
    var models: String = ModelKind.experimentDefaults.map(\.rawValue).joined(separator: ",")

    @Option(name: .long, help: ArgumentHelp("Comma-separated strategies (schedules of the registry): \(ScheduleKind.helpList)."))
    var strategies: String = ScheduleKind.experimentDefaults.map(\.rawValue).joined(separator: ",")

    @Option(name: .long, help: "Seeds per configuration (1...N).")
    var seeds: Int = 1

    @OptionGroup var training: TrainingOptionGroup

    @OptionGroup(title: "FastText options") var subwords: SubwordOptionGroup

    @OptionGroup(title: "GloVe options") var glove: GloVeOptionGroup

    @OptionGroup var schedule: ScheduleOptionGroup

    @OptionGroup(title: "Progress") var progress: ProgressOptionGroup

    @OptionGroup var knowledgeMode: ExperimentKnowledgeOptions

    @Option(name: .long, help: "Convergence: the first epoch from which dev accuracy stays within this many points of its best.")
    var tolerance: Double = 0.5

    @Option(name: .long, help: "Early stopping: stop a run after this many epochs without dev improvement (default: off).")
    var patience: Int?

    @Option(name: .long, help: "Seed of the train/dev/test split (the same split for every run).")
    var splitSeed: UInt64 = 1

    @Option(name: .long, help: "Analogy candidates: the most frequent words considered as answers (and as auxiliary negatives).")
    var restrictVocab: Int = 30_000

    func parsedModels() throws -> [ModelKind] {
        try list(models).map { name in
            guard let m = ModelKind(rawValue: name) else {
                throw ValidationError("--models: unknown model '\(name)' (available: \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return m
        }
    }

    var epochs: Int { training.epochs ?? 5 }

    func parsedStrategies() throws -> [ScheduleKind] {
        try list(strategies).map { name in
            guard let k = ScheduleKind(rawValue: name) else {
                throw ValidationError("--strategies: unknown strategy '\(name)' (\(ScheduleKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return k
        }
    }

    func list(_ s: String) throws -> [String] {
        let items = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        guard !items.isEmpty else { throw ValidationError("expected a comma-separated list, got '\(s)'") }
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    func experimentConfig() throws -> ExperimentConfig {
        var c = ExperimentConfig()
        c.models = try parsedModels()
        c.strategies = try parsedStrategies()
        c.seeds = seeds
        c.word2vec = training.word2vecConfig(architecture: .skipGram)
        c.word2vec.epochs = epochs
        c.subwords = subwords.options
        c.glove = training.gloveOptions(defaultEpochs: epochs)
        try glove.apply(to: &c.glove)
        c.schedule = try schedule.parameters(kind: .switch, defaultSignal: knowledgeMode.isRequested ? .primaryLoss : .devAccuracy)
        c.auxiliary = schedule.auxiliaryOptions
        c.knowledge = try knowledgeMode.files()
        if c.knowledge != nil {
            KnowledgeOptionGroup.applyPreset(to: &c.schedule, epochs: epochs, schedule)
            KnowledgeOptionGroup.applyPreset(to: &c.auxiliary, schedule)
        }
        c.tolerance = tolerance
        c.patience = patience
        c.restrictVocab = restrictVocab
        return c
    }

    func run() throws {
        try runReportingErrors {
            try DistributedRun.refuseSeveralProcesses("`experiment`")
            let clock = WallClock()
            let config = try experimentConfig()
            try config.validate()
            try outputPlan.check()
            let json = try progress.jsonSink()
            // Output directory: created now, removed again if anything fails before training.
            let fm = FileManager.default
            let existed = try !OutputPath.createDirectory(output)
            let staging = output + "/.splits-\(getpid())"
            let runner: ExperimentRunner
            do {
                try? fm.removeItem(atPath: staging)
                try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
                let stagingName = TemporaryNames.register(staging, isDirectory: true)  // removed on SIGINT/SIGTERM
                defer { TemporaryNames.forget(stagingName) }
                var split = ExperimentData.SplitOptions()
                split.seed = splitSeed
                let data = knowledgeMode.isRequested ? try knowledgeMode.data(analogies: analogies, similarity: similarity)
                    : try ExperimentData.prepare(analogies: analogies, similarity: similarity, splitDirectory: staging, options: split)
                let built = try CorpusBuilder.build(sources: try corpus.sources(), options: corpus.corpusOptions())
                let v = built.vocabulary
                printErr("vocabulary: \(v.size) words, \(built.encoded.tokenCount) training tokens "
                         + "(read \(built.statistics.corpusTokens) tokens in \(Format.seconds(clock.seconds)))")
                runner = try ExperimentRunner(config: config, vocabulary: v, corpus: built.encoded, data: data)
                runner.log = { printErr("glove: " + $0) }
                let s = data.analogySplit
                for line in runner.knowledge?.report ?? [] { printErr("knowledge: " + line) }
                if runner.knowledge == nil { printErr("analogy split (seed \(splitSeed)): \(s.pairCount(.train))/\(s.pairCount(.dev))/\(s.pairCount(.test)) word pairs; "
                         + "\(s.train.count) train (\(runner.auxiliaryExampleCounts.analogies) in vocabulary), \(s.dev.count) dev, "
                         + "\(s.test.count) test questions; similarity: \(data.similaritySplit.train.count) train "
                         + "(\(runner.auxiliaryExampleCounts.similarities) in vocabulary), \(data.similaritySplit.test.count) test pairs") }
                let count = config.models.count * config.strategies.count * config.seeds
                printErr("memory per run: \(runner.memoryEstimates().map { "\($0.model.rawValue) about \(Format.bytes($0.bytes))" }.joined(separator: ", ")); "
                         + "\(count) run\(count == 1 ? "" : "s") of \(epochs) epochs, \(training.threads) threads")
                let final = output + "/splits"
                try? fm.removeItem(atPath: final)
                if runner.knowledge != nil { try fm.removeItem(atPath: staging) } else { try fm.moveItem(atPath: staging, toPath: final) }
            } catch {
                try? fm.removeItem(atPath: staging)
                if !existed { try? fm.removeItem(atPath: output) }
                throw error
            }
            let structured = json.map { ExperimentJSONProgress(sink: $0, tokens: runner.corpus.tokenCount) }
            let runs = runner.runAll(progress: { if json == nil || progress.progressFile != nil { printErr($0) } },
                                     structured: { structured?.emit($0) })
            let notes = [
                "Corpus: \(corpus.inputDescription) (\(runner.corpus.tokenCount) tokens, \(runner.vocabulary.size) words, min-count \(corpus.minCount)).",
                "Analogies: \(analogies); similarity: \(similarity); \(runner.knowledge == nil ? "split seed \(splitSeed); splits in splits/" : "no split (knowledge mode)").",
                "Settings: dim \(training.dim), window \(config.word2vec.window) (glove \(config.glove.window)), learning rate \(training.lrSchedule.rawValue) "
                    + "(glove: AdaGrad \(config.glove.learningRate)), negative \(training.negative), sample \(training.sample), epochs \(epochs), "
                    + "threads \(training.threads); fasttext n-grams \(subwords.minn)-\(subwords.maxn), \(subwords.bucket) buckets; "
                    + "glove x-max \(glove.xMax), \(glove.gloveOutput == .sum ? "W + W~" : "W"); "
                    + "γ₀ \(schedule.gamma0), η \(schedule.eta), ν \(schedule.nu), switch at \(config.schedule.switchAt), "
                    + "adaptive \(config.schedule.signal.rawValue) threshold \(config.schedule.threshold) window \(schedule.adaptiveWindow); "
                    + "\(config.auxiliary.examplesPerRound) auxiliary examples per task every \(config.auxiliary.everyTokens) tokens per thread"
                    + (runner.knowledge != nil ? ", attract margin \(config.auxiliary.attractMargin), \(config.auxiliary.negatives) negatives." : "."),
            ] + (runner.knowledge != nil ? knowledgeMode.notes(runner) : [])
            try OutputTransaction.run { try ExperimentReport.write(runs, into: output, tolerance: tolerance, notes: notes) }
            let failed = runs.filter { $0.failure != nil }.count
            printErr("wrote \(output)/runs.csv, table.md and charts (\(runs.count) runs, \(failed) failed) in \(Format.seconds(clock.seconds))")
            if failed == runs.count { throw ExitCode(1) }
        }
    }
}
