import Embeddings
import Foundation
import Synchronization

/// How often and how much a distributed run synchronises.
public struct SyncOptions: Sendable, Equatable {
    /// Seconds between two synchronisation rounds.
    public var period: Double = 0.5
    /// Rows (of each matrix) every round sends; see `SyncSchedule`.
    public var baseRows: Int = 4096
    /// At most this many floats go through one all-reduce (bounds the buffers).
    public var chunkFloats: Int = 1 << 20

    public init() {}

    public func validate() throws {
        guard period > 0, period.isFinite else { throw DistributedError.unsupported("--sync-period must be a positive number of seconds (got \(period))") }
        guard baseRows >= 1 else { throw DistributedError.unsupported("--sync-rows must be at least 1 (got \(baseRows))") }
    }
}

/// What the synchronisation cost, on this process.
public struct SyncStatistics: Sendable {
    /// Rounds of the doubling schedule, and complete rounds (epoch ends).
    public var rounds = 0
    public var fullRounds = 0
    /// Bytes of row deltas this process put into all-reduces (the payload; the wire carries
    /// about 2(N−1)/N of it per process with a ring all-reduce).
    public var payloadBytes: Int64 = 0
    public var fullPayloadBytes: Int64 = 0
    /// Seconds spent gathering, all-reducing and applying deltas, in all rounds / complete rounds.
    public var seconds: Double = 0
    public var fullSeconds: Double = 0
    /// Each epoch's mean loss over every process's predictions.
    public var epochLosses: [Double] = []
}

/// The run's state after a round, for the progress line of process 0.
public struct SyncProgress: Sendable {
    public var runTokens: Int
    public var runTotalTokens: Int
    public var epochsDone: Int
    public var epochs: Int
    public var seconds: Double
}

/// An epoch finished by every process: the loss is the mean over all their predictions.
public struct SyncEpoch: Sendable {
    public var epoch: Int
    public var epochs: Int
    public var loss: Double
    public var seconds: Double
}

/// Keeps the copies of one model on several processes in step while each trains Hogwild on its
/// share (data parallelism, as pWord2Vec). A thread of its own runs collective rounds every
/// `period` seconds: the processes exchange their state (epochs finished, tokens done, failure),
/// then all-reduce the changes since the last round (`RowDeltaMerger`) of the most frequent rows
/// of both matrices (`SyncSchedule`), so communication overlaps training. At an epoch end a
/// process waits (as an `EpochObserver`, first in the list) until every process has finished that
/// epoch and a complete round has merged all rows; the last epoch's complete round leaves every
/// process with the same table. As the trainer's `RunCoordinator`, it extrapolates the run's token
/// count between rounds (the learning rate follows the whole run) and stops the workers when
/// another process fails. Every process makes the same decisions from the same reduced values,
/// so all call the same collectives.
public final class TrainingSynchronizer: RunCoordinator, EpochObserver, @unchecked Sendable {
    public let group: Communicator
    public let options: SyncOptions
    public let epochs: Int
    public let runTotalTokens: Int
    public var onProgress: ((SyncProgress) -> Void)?
    public var onEpoch: ((SyncEpoch) -> Void)?

    private let input: RowDeltaMerger
    private let output: RowDeltaMerger
    private let inputOrder: [Int32]?
    private let inputSchedule: SyncSchedule
    private let outputSchedule: SyncSchedule
    private let chunkRows: Int
    private let send: UnsafeMutablePointer<Float>
    private let receive: UnsafeMutablePointer<Float>
    private let started = Date()

    // Written by the workers, read by the sync thread.
    private let latestLocal = Atomic<Int>(0)
    // The clock: the run's tokens and ours at the last round.
    private let clockLock = NSLock()
    private var syncedRun = 0
    private var syncedLocal = 0
    // Shared between the trainer's threads and the sync thread, under `condition`.
    private let condition = NSCondition()
    private var epochsDone = 0
    private var fullySynced = 0
    private var lastEpochLoss = (sum: 0.0, predictions: 0)
    private var localFailure: String?
    private var remoteError: Error?
    private var finished = false
    private let stopFlag = Atomic<Bool>(false)
    private var statistics = SyncStatistics()

    /// Bytes the synchroniser allocates (snapshots of both matrices, two chunk buffers).
    public static func memoryEstimate(table: (inputRows: Int, outputRows: Int, dim: Int), options: SyncOptions) -> Int {
        RowDeltaMerger.memoryEstimate(rows: table.inputRows + table.outputRows, dim: table.dim,
                                      stride: EmbeddingTable.stride(for: table.dim))
            + 2 * min(options.chunkFloats, max(table.inputRows, table.outputRows) * table.dim) * MemoryLayout<Float>.size
    }

    /// Snapshots `table` (identical on every process: same seed) and sums the processes' token
    /// totals (a collective). `inputTouches`: how often each input row is updated (nil: one per
    /// word, already most frequent first); output rows are words, most frequent first.
    public init(group: Communicator, table: EmbeddingTable, inputTouches: [Int64]?, epochs: Int,
                localTokensPerEpoch: Int, options: SyncOptions) throws {
        try options.validate()
        self.group = group
        self.options = options
        self.epochs = epochs
        runTotalTokens = Int(try group.sum(Int64(epochs * localTokensPerEpoch)))
        // Like the trainers' workers, the merger writes the shared rows for the whole run (Hogwild);
        // it takes the table's handle for that time.
        (input, output) = table.update { h in
            (RowDeltaMerger(base: h.inputRow(0), rows: table.inputRows, dim: table.dim, stride: table.stride),
             RowDeltaMerger(base: h.outputRow(0), rows: table.outputRows, dim: table.dim, stride: table.stride))
        }
        let order = inputTouches.map { RowRanking.order(touches: $0) }
        inputOrder = order.flatMap { RowRanking.isIdentity($0) ? nil : $0 }
        inputSchedule = SyncSchedule(rows: table.inputRows, baseRows: options.baseRows)
        outputSchedule = SyncSchedule(rows: table.outputRows, baseRows: options.baseRows)
        chunkRows = max(1, min(options.chunkFloats / table.dim, max(table.inputRows, table.outputRows)))
        send = .allocate(capacity: chunkRows * table.dim)
        receive = .allocate(capacity: chunkRows * table.dim)
    }

    deinit {
        send.deallocate()
        receive.deallocate()
    }

    private let done = DispatchSemaphore(value: 0)

    /// Starts the synchronisation thread (call once, right before training).
    public func start() {
        let thread = Thread { [self] in
            loop()
            done.signal()
        }
        thread.name = "mt2st-sync"
        thread.start()
    }

    /// Ends the run on this process, after `train()` returned (`error` nil) or threw: waits for
    /// the synchronisation thread, telling the others about the error. Throws `peersFailed`
    /// (naming every process that failed, this one included) if any did.
    public func finish(error: Error?) throws -> SyncStatistics {
        if let error {
            condition.lock()
            if !finished && remoteError == nil { localFailure = "\(error)" }
            condition.broadcast()
            condition.unlock()
        }
        done.wait()
        condition.lock()
        defer { condition.unlock() }
        if let remoteError { throw remoteError }
        if let error { throw error }
        return statistics
    }

    // MARK: RunCoordinator

    public func runTokens(local: Int) -> Int {
        latestLocal.max(local, ordering: .relaxed)
        clockLock.lock()
        defer { clockLock.unlock() }
        return max(0, syncedRun + (local - syncedLocal) * group.size)
    }

    public var stopReason: String? {
        guard stopFlag.load(ordering: .relaxed) else { return nil }
        condition.lock()
        defer { condition.unlock() }
        return remoteError.map { "\($0)" } ?? "another process failed"
    }

    // MARK: EpochObserver

    public func epochDidEnd(_ summary: EpochSummary, table: EmbeddingTable) throws {
        condition.lock()
        defer { condition.unlock() }
        epochsDone = summary.epoch
        lastEpochLoss = (summary.loss * Double(summary.predictions), summary.predictions)
        condition.broadcast()
        while fullySynced < summary.epoch && remoteError == nil { condition.wait() }
        if let remoteError { throw remoteError }
    }

    // MARK: The synchronisation thread

    private func loop() {
        var round = 0
        var reportedEpochs = 0
        while true {
            // Sleep a period; wake early once when this process reaches an epoch end or fails
            // (not repeatedly: a process waiting for slower ones would spin in the collectives).
            condition.lock()
            let deadline = Date(timeIntervalSinceNow: options.period)
            while epochsDone == reportedEpochs && localFailure == nil {
                if !condition.wait(until: deadline) { break }
            }
            let myEpochs = epochsDone, myFailure = localFailure, myLoss = lastEpochLoss
            reportedEpochs = myEpochs
            condition.unlock()
            do {
                var lows: [Int64] = [Int64(myEpochs), myFailure == nil ? 0 : -Int64(group.rank + 1)]
                try lows.withUnsafeMutableBufferPointer { try group.allReduce($0, .min) }
                let local = latestLocal.load(ordering: .relaxed)
                var sums: [Int64] = [Int64(local), Int64((myLoss.sum * 1e6).rounded()), Int64(myLoss.predictions)]
                try sums.withUnsafeMutableBufferPointer { try group.allReduce($0, .sum) }
                if lows[1] < 0 {
                    _ = try group.exchange(myFailure.map { .failure(DistributedError.transport($0)) } ?? .success([]))
                    throw DistributedError.transport("a process failed without a message") // not reached: exchange throws
                }
                clockLock.lock()
                syncedRun = Int(sums[0])
                syncedLocal = local
                clockLock.unlock()
                let allDone = Int(lows[0])
                if allDone > fullySynced {
                    try synchronise(inputRows: input.rows, outputRows: output.rows, full: true)
                    let loss = sums[2] > 0 ? Double(sums[1]) / 1e6 / Double(sums[2]) : 0
                    onEpoch?(SyncEpoch(epoch: allDone, epochs: epochs, loss: loss, seconds: Date().timeIntervalSince(started)))
                    condition.lock()
                    statistics.epochLosses.append(loss)
                    fullySynced = allDone
                    finished = allDone >= epochs
                    condition.broadcast()
                    condition.unlock()
                    if allDone >= epochs { return }
                } else {
                    round += 1
                    try synchronise(inputRows: inputSchedule.prefix(round: round),
                                    outputRows: outputSchedule.prefix(round: round), full: false)
                }
                onProgress?(SyncProgress(runTokens: Int(sums[0]), runTotalTokens: runTotalTokens, epochsDone: allDone,
                                         epochs: epochs, seconds: Date().timeIntervalSince(started)))
            } catch {
                condition.lock()
                remoteError = error
                stopFlag.store(true, ordering: .relaxed)
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }

    /// All-reduces the deltas of the `inputRows` most frequent input rows and `outputRows`
    /// output rows, chunk by chunk.
    private func synchronise(inputRows: Int, outputRows: Int, full: Bool) throws {
        let t0 = Date()
        try merge(input, order: inputOrder, count: inputRows)
        try merge(output, order: nil, count: outputRows)
        let seconds = Date().timeIntervalSince(t0)
        let bytes = Int64((inputRows + outputRows) * input.dim * MemoryLayout<Float>.size)
        condition.lock()
        if full {
            statistics.fullRounds += 1
            statistics.fullPayloadBytes += bytes
            statistics.fullSeconds += seconds
        } else {
            statistics.rounds += 1
        }
        statistics.payloadBytes += bytes
        statistics.seconds += seconds
        condition.unlock()
    }

    private func merge(_ merger: RowDeltaMerger, order: [Int32]?, count: Int) throws {
        var first = 0
        while first < count {
            let n = min(chunkRows, count - first)
            if let order {
                let rows = order[first..<(first + n)].lazy.map { Int($0) }
                merger.collect(rows, into: send)
                try group.allReduceSum(send, into: receive, count: n * merger.dim)
                merger.apply(rows, merged: receive, own: send)
            } else {
                let rows = first..<(first + n)
                merger.collect(rows, into: send)
                try group.allReduceSum(send, into: receive, count: n * merger.dim)
                merger.apply(rows, merged: receive, own: send)
            }
            first += n
        }
    }
}
