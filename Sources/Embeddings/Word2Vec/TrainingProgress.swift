import Synchronization
import Dispatch

/// What the progress line shows; produced a few times a second by one worker.
public struct ProgressSnapshot: Sendable {
    /// Fraction of all epochs' tokens done, 0...1.
    public var fraction: Double
    public var epoch: Int
    public var epochs: Int
    public var seconds: Double
    /// Corpus tokens per second per thread, from the wall clock.
    public var wordsPerSecondPerThread: Double
    public var alpha: Float
    /// Mean loss per prediction since the previous snapshot.
    public var runningLoss: Double
    public var etaSeconds: Double
}

/// Shared progress of a run: the token counter all workers add to every `syncEvery` tokens (it
/// drives the learning rate), the running loss, the stop flag. Atomics only, touched outside the
/// inner loop.
final class TrainingProgress {
    let tokens = Atomic<Int>(0)
    /// Loss in millionths, and its number of predictions, for the running loss.
    let lossMicros = Atomic<Int>(0)
    let lossPredictions = Atomic<Int>(0)
    let stop = Atomic<Bool>(false)
    let reporting = Atomic<Bool>(false)
    let nextReportNanos = Atomic<UInt64>(0)

    let totalTokens: Int
    let startNanos = DispatchTime.now().uptimeNanoseconds
    let threads: Int
    let reportIntervalNanos: UInt64
    // Touched only by the worker holding `reporting`.
    var reportedMicros = 0
    var reportedPredictions = 0
    var lastRunningLoss = 0.0
    /// Tokens done before this process started (a resumed run): not counted in the speed.
    var startTokens = 0

    init(totalTokens: Int, threads: Int, reportInterval: Double) {
        self.totalTokens = max(totalTokens, 1)
        self.threads = threads
        reportIntervalNanos = UInt64(reportInterval * 1e9)
    }

    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - startNanos) / 1e9 }

    /// Reports if one is due and no other worker is reporting.
    func reportIfDue(epoch: Int, epochs: Int, alpha: Float, _ report: (ProgressSnapshot) -> Void) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now >= nextReportNanos.load(ordering: .relaxed),
              reporting.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return }
        defer { reporting.store(false, ordering: .releasing) }
        nextReportNanos.store(now + reportIntervalNanos, ordering: .relaxed)
        report(snapshot(epoch: epoch, epochs: epochs, alpha: alpha))
    }

    func snapshot(epoch: Int, epochs: Int, alpha: Float) -> ProgressSnapshot {
        let done = tokens.load(ordering: .relaxed)
        let secs = seconds
        let micros = lossMicros.load(ordering: .relaxed), n = lossPredictions.load(ordering: .relaxed)
        if n > reportedPredictions {
            lastRunningLoss = Double(micros - reportedMicros) / 1e6 / Double(n - reportedPredictions)
            reportedMicros = micros
            reportedPredictions = n
        }
        let fraction = min(1, Double(done) / Double(totalTokens))
        let rate = secs > 0 ? Double(done - startTokens) / secs : 0
        return ProgressSnapshot(fraction: fraction, epoch: epoch, epochs: epochs, seconds: secs,
                                wordsPerSecondPerThread: rate / Double(threads), alpha: alpha,
                                runningLoss: lastRunningLoss,
                                etaSeconds: rate > 0 ? Double(totalTokens - min(done, totalTokens)) / rate : 0)
    }
}
