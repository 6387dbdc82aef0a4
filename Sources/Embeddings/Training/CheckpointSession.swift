import Corpus
import Dispatch
import EmbedBase
import Synchronization

/// Where a worker stopped in its chunk of the corpus for a checkpoint, and whether it found no
/// chunk left this epoch. Set at a publish point (a sentence finished, the model's scratch empty),
/// read when the worker starts again: from the same process after the checkpoint is written, or
/// from the file.
public struct ShardCursor: Sendable {
    /// The worker stopped at `position` (corpus index) of `chunk`.
    var paused = false
    var position = 0
    var chunk = 0..<0
    /// The worker found no chunk left in this epoch.
    var done = false

    public init() {}

    mutating func pause(at position: Int, in chunk: Range<Int>) {
        paused = true
        self.position = position
        self.chunk = chunk
    }
}

/// The flag the workers read at their publish points (one relaxed load every `syncEvery` tokens).
public final class CheckpointRequest: Sendable {
    let flag = Atomic<Bool>(false)
    /// When the flag was set (uptime nanoseconds): the workers' wait is reported.
    let since = Atomic<UInt64>(0)
    init() {}

    func set() {
        since.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
        flag.store(true, ordering: .relaxed)
    }
}

/// Where `Word2VecTrainer.run` starts: epoch 1 of a fresh run, or the state a checkpoint restored.
struct ResumePoint {
    var epoch = 1
    /// The workers' summed loss when the resumed epoch began (for its epoch loss).
    var epochStartLoss: LossTally?
    var summaries: [EpochSummary] = []
    /// Training seconds before the resume (the summaries' clock continues).
    var seconds = 0.0
    /// The chunks not yet handed out in the resumed epoch (`ShardQueue.state`); nil for a fresh run.
    var queue: [UInt64]?
}

/// Periodic checkpoints of a word2vec-family run (`train --checkpoint FILE --checkpoint-every M`)
/// and resuming from one (`train --resume FILE`).
///
/// A timer sets `request` every `interval` seconds; each worker sees it at its next publish point,
/// records where it is (`ShardCursor`) and returns; with every worker stopped the trainer calls
/// `writeIfPaused`, which writes the whole state (`CheckpointFile`) atomically, clears the flag
/// and lets the workers continue from their cursors. Stopping and continuing at a publish point
/// changes nothing, so with one thread a run killed and resumed ends with the same bits as one
/// never interrupted.
public final class CheckpointSession {
    /// Where to write checkpoints (nil: only resume).
    public let path: String?
    /// Seconds between two checkpoints (from the end of one write to the next request).
    public let interval: Double
    /// The checkpoint to resume from (nil: a fresh run).
    public let resumePath: String?
    /// The options that affect training beyond the trainer's `Word2VecConfig` (model, subwords,
    /// warm start...), as the CLI names them; a checkpoint made with other values is refused.
    public let options: [String: String]
    /// Progress lines ("checkpoint: wrote ...", "resuming from ...").
    public var log: (String) -> Void = { _ in }
    /// Checkpoints written by this process.
    public private(set) var written = 0
    /// Seconds spent writing them.
    public private(set) var writeSeconds = 0.0
    /// Seconds between the requests and the workers all stopped (the wait for their sync points).
    public private(set) var pauseSeconds = 0.0

    let request = CheckpointRequest()
    private var timer: DispatchSourceTimer?
    private var identity: CheckpointIdentity?
    /// Training seconds before the resume.
    private var baseSeconds = 0.0

    public init(path: String?, interval: Double, resumePath: String?, options: [String: String]) {
        self.path = path
        self.interval = interval
        self.resumePath = resumePath
        self.options = options
    }

    /// What this run must match: the tool, the options, the vocabulary and the corpus.
    func identity(_ trainer: Word2VecTrainer) -> CheckpointIdentity {
        if let identity { return identity }
        let made = CheckpointIdentity(trainer: trainer, options: options)
        identity = made
        return made
    }

    /// Restores the state of `resumePath` (if any) into the trainer's table, the workers and the
    /// shared progress, and starts the timer (if checkpoints are written).
    func begin(_ trainer: Word2VecTrainer, workers: UnsafeMutableBufferPointer<WorkerState>, queue: ShardQueue,
               progress: TrainingProgress) throws -> ResumePoint {
        var point = ResumePoint()
        if let resumePath {
            let state = try CheckpointFile.read(from: resumePath, expecting: identity(trainer), into: trainer.table.handle)
            try state.check(epochs: trainer.config.epochs, threads: trainer.config.threads, corpusLength: trainer.corpus.ids.count,
                            path: resumePath)
            point = try state.restore(workers: workers, queue: queue, progress: progress, negatives: trainer.config.negatives,
                                      path: resumePath)
            baseSeconds = point.seconds
            let done = Double(state.progressTokens) / Double(max(1, trainer.config.epochs * trainer.corpus.tokenCount))
            log("resuming from \(resumePath): epoch \(state.epoch), \(Int(done * 100))% done")
        }
        if path != nil {
            let source = DispatchSource.makeTimerSource(queue: .global())
            let request = self.request
            source.setEventHandler { request.set() }
            source.schedule(deadline: .now() + interval)
            source.resume()
            timer = source
        }
        return point
    }

    /// With the workers stopped: if any paused for a checkpoint, writes it, clears the request
    /// and returns true (the trainer then lets the paused workers continue).
    func writeIfPaused(_ trainer: Word2VecTrainer, epoch: Int, epochStartLoss: LossTally, summaries: [EpochSummary],
                       workers: UnsafeMutableBufferPointer<WorkerState>, queue: ShardQueue, progress: TrainingProgress) throws -> Bool {
        guard let path, workers.contains(where: { $0.cursor.paused }) else { return false }
        let clock = DispatchTime.now().uptimeNanoseconds
        let requested = request.since.load(ordering: .relaxed)
        let waited = requested > 0 && requested <= clock ? Double(clock - requested) / 1e9 : 0
        let state = CheckpointState(identity: identity(trainer), epoch: epoch, epochStartLoss: epochStartLoss,
                                    summaries: summaries, seconds: baseSeconds + progress.seconds,
                                    workers: workers, queue: queue, progress: progress, negatives: trainer.config.negatives)
        written += 1
        let bytes = try CheckpointFile.write(state, table: trainer.table.handle, to: path, crashTest: written)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9
        writeSeconds += seconds
        log("checkpoint: wrote \(path) (\(Format.fixed(Double(bytes) / 1_048_576)) MiB) in \(Format.fixed(seconds, 2)) s "
            + "(the workers reached their sync points in \(Format.fixed(waited, 2)) s)")
        pauseSeconds += waited
        request.flag.store(false, ordering: .relaxed)
        timer?.schedule(deadline: .now() + interval)
        return true
    }

    /// Stops the timer; sums up the checkpoints written.
    func end() {
        timer?.cancel()
        timer = nil
        if written > 1 {
            log("checkpoint: \(written) written in \(Format.fixed(writeSeconds, 2)) s, "
                + "\(Format.fixed(pauseSeconds, 2)) s waiting for the workers' sync points")
        }
    }
}
