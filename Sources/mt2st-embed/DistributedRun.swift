import EmbedBase
import ArgumentParser
import Corpus
import Distributed
import Embeddings
import Foundation
#if MT2ST_MPI
import MPITransport
#endif

/// `train`'s options for runs under `mpirun` (ignored by a single process).
struct DistributedOptionGroup: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Under mpirun: seconds between two synchronisations of the processes' models (the changes since the last one are summed).", valueName: "seconds"))
    var syncPeriod: Double = SyncOptions().period

    @Option(name: .long, help: ArgumentHelp("Under mpirun: rows of each matrix (the most frequent words) every synchronisation sends; twice as many every second one, and so on, all rows every 2^k-th and at each epoch end.", valueName: "rows"))
    var syncRows: Int = SyncOptions().baseRows

    var syncOptions: SyncOptions {
        var o = SyncOptions()
        o.period = syncPeriod
        o.baseRows = syncRows
        return o
    }

    func validate() throws {
        do { try syncOptions.validate() } catch { throw ValidationError("\(error)") }
    }
}

/// The line process 0 prints when mpirun terminates it (set before the handler is installed).
nonisolated(unsafe) var terminationMessage: UnsafeMutablePointer<CChar>?

/// Non-root processes of a distributed run print only errors (see `printErr`).
nonisolated(unsafe) var informationMuted = false

/// One process of `mpirun -np N mt2st-embed train ...`: reads its share of the input, merges the
/// word counts with the others, trains Hogwild with its `--threads` workers while a
/// `TrainingSynchronizer` keeps the models in step, and (process 0 only) writes the outputs.
/// Without mpirun, or in a build without MPI, `begin` returns nil and `train` is one process.
final class DistributedRun {
    let group: Communicator
    let options: SyncOptions
    private let finalize: () -> Void
    private var synchronizer: TrainingSynchronizer?
    private var startedAt = WallClock()

    var isRoot: Bool { group.rank == 0 }

    private init(group: Communicator, options: SyncOptions, finalize: @escaping () -> Void) {
        self.group = group
        self.options = options
        self.finalize = finalize
    }

    /// The run's processes when started by mpirun (MPI build), else nil. Checks that every process
    /// has the same `settings` (a collective), and warns about more workers than cores.
    static func begin(settings: [(key: String, value: String)], options: SyncOptions, threads: Int,
                      unsupported: String?) throws -> DistributedRun? {
        #if MT2ST_MPI
        guard MPICommunicator.launchedByMPIRun else { return nil }
        let mpi = try MPICommunicator()
        let run = DistributedRun(group: mpi, options: options, finalize: { mpi.finalize() })
        informationMuted = !run.isRoot
        current = run
        DistributedRun.reportTermination(rank: mpi.rank)
        do {
            _ = try mpi.exchange(unsupported.map { .failure(DistributedError.unsupported($0)) } ?? .success([]))
            try SettingsAgreement.check(settings, group: mpi)
        } catch {
            run.end()
            throw error
        }
        let local = MPICommunicator.localSize ?? mpi.size
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if run.isRoot && local * threads > cores {
            printErr("mt2st-embed: warning: \(local) processes x \(threads) threads on this machine for its \(cores) cores: "
                     + "the workers will share cores (slower); lower --threads to \(max(1, cores / local))")
        }
        return run
        #else
        if let size = ProcessInfo.processInfo.environment["OMPI_COMM_WORLD_SIZE"].flatMap(Int.init), size > 1 {
            throw DistributedError.unsupported("this mt2st-embed was built without MPI, so \(size) processes would each train alone: "
                                               + "build it with `MT2ST_MPI=1 swift build -c release` (see README)")
        }
        return nil
        #endif
    }

    /// For what cannot run distributed: an error when mpirun started several processes.
    static func refuseSeveralProcesses(_ what: String) throws {
        if let size = ProcessInfo.processInfo.environment["OMPI_COMM_WORLD_SIZE"].flatMap(Int.init), size > 1 {
            throw DistributedError.unsupported("\(what) does not run on several processes yet; start it without mpirun")
        }
    }

    /// mpirun ends the other processes with SIGTERM when one fails or dies: process 0 then says so
    /// (one line) before exiting; nothing has been written (outputs come after training).
    static func reportTermination(rank: Int) {
        guard rank == 0 else { return }
        terminationMessage = strdup("mt2st-embed: error: stopped by mpirun (another process failed or died, or the run was interrupted); nothing written\n")
        signal(SIGTERM) { _ in
            if let m = terminationMessage { _ = write(2, m, strlen(m)) }
            _exit(143)
        }
    }

    /// Ends MPI; call once on every path.
    func end() {
        finalize()
        if DistributedRun.current === self { DistributedRun.current = nil }
    }

    /// The run of this process, ended by `runReportingErrors` once any error has been printed.
    nonisolated(unsafe) static var current: DistributedRun?

    static func endCurrent() { current?.end() }

    /// Errors every process knows about are printed by process 0 only.
    static func isSilenced(_ error: Error) -> Bool {
        guard informationMuted, let e = error as? DistributedError else { return false }
        switch e {
        case .peersFailed, .optionsDiffer: return true
        default: return false
        }
    }

    /// The worker seed of this process (the table is initialised from the common seed).
    func workerSeed(_ seed: UInt64) -> UInt64 { seed &+ UInt64(group.rank) &* 0x9E37_79B9_7F4A_7C15 }

    /// Reads this process's share of `sources` and builds the corpus with the merged vocabulary.
    func buildCorpus(sources: () throws -> [CorpusSource], options corpusOptions: CorpusOptions,
                     vocabulary fixed: Vocabulary?) throws -> Corpus {
        var merged = false
        do {
            let share = try InputShares.share(try sources(), rank: group.rank, size: group.size)
            let merger = CountExchange.merger(group)
            let built = try CorpusBuilder.build(sources: share, options: corpusOptions, vocabulary: fixed) { words, counts in
                merged = true
                return try merger(words, counts)
            }
            if fixed != nil { merged = true; _ = try group.exchange(.success([])) }
            return built
        } catch {
            if !merged { _ = try group.exchange(.failure(error)) }
            throw error
        }
    }

    /// After the trainer exists on every process: a checkpoint, then the synchroniser (first
    /// observer, the trainer's coordinator) and process 0's progress lines.
    func attach(trainer: Word2VecTrainer, rows: SubwordRowTable?, originalSeed: UInt64, tokensPerEpoch: Int,
                model: String, quiet: Bool) throws {
        try group.checkpoint { trainer.table.initializeWord2Vec(seed: originalSeed) }
        let touches = rows.map { r -> [Int64] in
            var t = [Int64](repeating: 0, count: r.inputRows)
            for w in 0..<r.words { for row in r.rows(of: w) { t[Int(row)] += trainer.vocabulary.counts[w] } }
            return t
        }
        let sync = try TrainingSynchronizer(group: group, table: trainer.table, inputTouches: touches,
                                            epochs: trainer.config.epochs, localTokensPerEpoch: tokensPerEpoch,
                                            options: options)
        let table = trainer.table
        let schedule = SyncSchedule(rows: table.inputRows, baseRows: options.baseRows)
        printErr("distributed: \(group.size) processes x \(trainer.config.threads) threads, \(sync.runTotalTokens / max(trainer.config.epochs, 1)) training tokens in all; every \(options.period) s the changes of the "
                 + "\(schedule.baseRows) most frequent rows of each matrix are summed (all rows \(schedule.levels == 0 ? "every round" : "every \(1 << schedule.levels) rounds") and at each epoch end); "
                 + "\(Format.bytes(TrainingSynchronizer.memoryEstimate(table: (table.inputRows, table.outputRows, table.dim), options: options))) more for the row snapshots")
        trainer.observers.insert(sync, at: 0)
        trainer.coordinator = sync
        if isRoot && !quiet {
            let printer = ProgressPrinter(model: model, quiet: quiet)
            var next = 0.0
            let schedule = trainer.config.learningRateSchedule, config = trainer.config
            sync.onProgress = { p in
                guard p.seconds >= next, p.runTokens > 0 else { return }
                next = p.seconds + printer.interval
                let fraction = min(1, Double(p.runTokens) / Double(max(p.runTotalTokens, 1)))
                let alpha = schedule.alpha(start: config.startAlpha, end: config.endAlpha, fraction: Float(fraction))
                let rate = p.seconds > 0 ? Double(p.runTokens) / p.seconds : 0
                let eta = rate > 0 ? Double(p.runTotalTokens - min(p.runTokens, p.runTotalTokens)) / rate : 0
                printErr(String(format: "%@ %5.1f%%  epoch %d/%d  alpha %.6f  %@ words/s (%d processes)  ETA %@", model,
                                fraction * 100, min(p.epochsDone + 1, p.epochs), p.epochs, Double(alpha),
                                Format.count(rate), self.group.size, Format.seconds(eta)))
            }
            sync.onEpoch = { e in
                printErr(String(format: "epoch %d/%d: loss %.4f (all processes), %@ elapsed", e.epoch, e.epochs, e.loss,
                                Format.seconds(e.seconds)))
            }
        }
        synchronizer = sync
    }

    /// Trains with the synchroniser running; the summary counts every process's tokens, threads
    /// and predictions (epoch losses). Process 0 prints what the synchronisation cost.
    func train(_ body: () throws -> TrainingSummary) throws -> TrainingSummary {
        guard let sync = synchronizer else { preconditionFailure("attach before train") }
        startedAt = WallClock()
        sync.start()
        var summary: TrainingSummary
        do {
            summary = try body()
        } catch {
            _ = try sync.finish(error: error)
            throw error
        }
        let stats = try sync.finish(error: nil)
        let seconds = startedAt.seconds
        summary.tokens = Int(try group.sum(Int64(summary.tokens)))
        summary.threads = Int(try group.sum(Int64(summary.threads)))
        summary.seconds = seconds
        for i in summary.epochs.indices where i < stats.epochLosses.count { summary.epochs[i].loss = stats.epochLosses[i] }
        let rounds = max(stats.rounds, 1)
        printErr(String(format: "synchronisation: %d rounds + %d complete, %@ of deltas per process (%@ per round, %@ per complete round), "
                        + "%.3f s per round, %.3f s per complete round, %.1f%% of the time",
                        stats.rounds, stats.fullRounds, Format.bytes(Int(stats.payloadBytes)),
                        Format.bytes(Int((stats.payloadBytes - stats.fullPayloadBytes) / Int64(rounds))),
                        Format.bytes(Int(stats.fullPayloadBytes / Int64(max(stats.fullRounds, 1)))),
                        (stats.seconds - stats.fullSeconds) / Double(rounds), stats.fullSeconds / Double(max(stats.fullRounds, 1)),
                        seconds > 0 ? 100 * stats.seconds / seconds : 0))
        return summary
    }

    /// `body` alone for a single process, with the synchroniser for a distributed one.
    static func train(_ run: DistributedRun?, _ body: () throws -> TrainingSummary) throws -> TrainingSummary {
        try run?.train(body) ?? body()
    }
}

extension TrainCommand {
    /// What every process of a distributed run must agree on (all but --threads and --quiet).
    func distributedSettings(_ config: Word2VecConfig) -> [(key: String, value: String)] {
        [("--model", model.rawValue), ("--input", corpus.input.joined(separator: " ")), ("--output", output),
         ("--dim", "\(config.dim)"), ("--window", "\(config.window)"), ("--negative", "\(config.negatives)"),
         ("--sample", "\(config.sample)"), ("--epochs", "\(config.epochs)"), ("--alpha", "\(config.startAlpha)"),
         ("--min-alpha", "\(config.endAlpha)"), ("--lr-schedule", "\(config.learningRateSchedule)"),
         ("--kernel", kernel.rawValue), ("--cbow-sum", "\(cbowSum)"), ("--seed", "\(seed)"), ("--binary", "\(binary)"),
         ("--min-count", "\(corpus.minCount)"), ("--max-vocab", corpus.maxVocab.map { "\($0)" } ?? "none"),
         ("--max-distinct", "\(corpus.maxDistinct)"), ("--read-vocab", readVocab ?? "none"),
         ("--save-vocab", saveVocab ?? "none"), ("--save-model", saveModel ?? "none"),
         ("--minn", "\(subwords.minn)"), ("--maxn", "\(subwords.maxn)"), ("--bucket", "\(subwords.bucket)"),
         ("--schedule", schedule.rawValue), ("--sync-period", "\(distributed.syncPeriod)"),
         ("--sync-rows", "\(distributed.syncRows)")]
    }

    /// Why this run cannot be distributed, if it cannot.
    var distributedUnsupported: String? {
        if schedule != .stl {
            return "the MT2ST auxiliary tasks (--schedule \(schedule.rawValue)) are not supported with mpirun yet; train them in one process"
        }
        // Each process starts from --seed's table (the synchroniser re-initialises it), and only
        // process 0 could evaluate: refused rather than silently dropped.
        if warmStart.initVectors != nil { return "--init-vectors is not supported with mpirun yet; train from it in one process" }
        if evaluation.enabled {
            return "per-epoch evaluation (--eval-analogies, --eval-similarity) is not supported with mpirun yet; evaluate the written vectors"
        }
        return nil
    }
}
