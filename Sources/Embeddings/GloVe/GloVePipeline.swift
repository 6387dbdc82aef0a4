import Corpus
import Dispatch
import EmbedBase

/// Wall time of each stage of a GloVe run, for the report and the benchmark.
public struct GloVeStageTimes: Sendable {
    public var counting = 0.0
    public var shuffling = 0.0
    public var training = 0.0

    public init() {}
}

/// The whole GloVe pipeline after the corpus is read, in one call: co-occurrence counting within
/// the memory budget, shuffling, training. The reference needs `cooccur`, `shuffle` and `glove`
/// with files in between; here the intermediate data lives in unlinked temporary files that
/// vanish with the process.
public enum GloVePipeline {
    /// Counts and shuffles: returns the training records. `log` receives one line per step
    /// (memory estimates are printed before allocating).
    public static func prepareRecords(corpus: EncodedCorpus, vocabularySize v: Int, options: GloVeOptions,
                                      times: inout GloVeStageTimes, log: (String) -> Void) throws -> ShuffledRecords {
        try options.validate()
        let plan = try CooccurrenceMemoryPlan(budgetBytes: options.memoryBytes, vocabularySize: v)
        log(plan.summary)
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap() -> Double {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { clock = now }
            return Double(now - clock) / 1e9
        }
        let counts: CooccurrenceCounts
        do {
            let counter = try CooccurrenceCounter(plan: plan, window: options.window,
                                                  temporaryDirectory: options.temporaryDirectory,
                                                  threads: options.threads)
            try counter.add(corpus.ids)
            counts = try counter.finish()
            let s = counter.statistics
            times.counting = lap()
            log("co-occurrences: \(s.records) pairs from \(s.tokens) tokens, window \(options.window) "
                + "(\(s.spilledRuns) runs spilled, \(s.intermediateMerges) intermediate merges) in "
                + seconds(times.counting))
        }
        log("shuffling \(counts.count) records (\(Format.mebibytes(counts.count * MemoryLayout<GloVeRecord>.stride)) in \(options.temporaryDirectory))")
        let records = try RecordShuffler.shuffle(counts, xMax: options.xMax, alpha: options.alpha, seed: options.seed,
                                                 memoryBytes: options.memoryBytes,
                                                 temporaryDirectory: options.temporaryDirectory)
        times.shuffling = lap()
        log("shuffled in \(seconds(times.shuffling))")
        return records
    }

    static func seconds(_ s: Double) -> String { String(Double(Int(s * 10 + 0.5)) / 10) + " s" }
}
