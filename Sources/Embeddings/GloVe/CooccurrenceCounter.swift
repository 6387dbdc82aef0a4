import Corpus
import Dispatch

/// The merged co-occurrence counts: `count` records of `CooccurrenceCount` sorted by (i, j),
/// each pair once, in an unlinked temporary file.
public struct CooccurrenceCounts {
    public let file: TemporaryFile
    public let count: Int
    public let vocabularySize: Int

    /// All records, in order (for tests and small corpora).
    public func readAll() throws -> [CooccurrenceCount] {
        var out: [CooccurrenceCount] = []
        out.reserveCapacity(count)
        var reader = RecordReader<CooccurrenceCount>(file: file, range: 0..<count, bufferBytes: 1 << 20)
        defer { reader.release() }
        while let r = try reader.next() { out.append(r) }
        return out
    }
}

/// What counting did, for the report.
public struct CooccurrenceStatistics: Sendable {
    public var tokens = 0
    public var pairIncrements = 0
    public var spilledRuns = 0
    public var intermediateMerges = 0
    public var records = 0
}

/// Counts word-word co-occurrences within a symmetric window (GloVe's `cooccur`): each pair of
/// in-vocabulary tokens at distance d <= window in the same sentence adds 1/d to X_ij and X_ji.
/// Contexts do not cross sentence (line) boundaries, and out-of-vocabulary tokens, already
/// removed from the encoded corpus, do not count towards the distance, as in the reference.
///
/// Memory follows a `CooccurrenceMemoryPlan`: frequent pairs in a dense table, the others in a
/// hash table that is sorted and spilled to a temporary file when half full; `finish()` merges
/// the dense table, the hash tables' last contents and the spilled runs into one sorted file.
///
/// With several threads, each scans the whole stream but adds only to the rows i it owns
/// (i mod threads): no two threads write the same count, the dense table is shared, each thread
/// has its share of the hash budget and its own spills. The counts are exact integers, so the
/// result is the same, bit for bit, whatever the thread count.
public final class CooccurrenceCounter {
    public let plan: CooccurrenceMemoryPlan
    public let window: Int
    public let threads: Int
    let dense: DenseCooccurrenceTable
    let workers: [CooccurrenceCountingWorker]
    let directory: String
    public private(set) var statistics = CooccurrenceStatistics()
    private var finished = false

    public init(plan: CooccurrenceMemoryPlan, window: Int, temporaryDirectory: String, threads: Int = 1) throws {
        guard window >= 1 else { throw GloVeError.invalidOption("--window must be at least 1 (got \(window))") }
        precondition(threads >= 1)
        self.plan = plan
        self.window = window
        self.threads = threads
        directory = temporaryDirectory
        // The temporary files come first: an unusable directory fails before any big allocation.
        var workers: [CooccurrenceCountingWorker] = []
        for t in 0..<threads {
            workers.append(try CooccurrenceCountingWorker(plan: plan, window: window, part: t, parts: threads,
                                                          temporaryDirectory: temporaryDirectory))
        }
        self.workers = workers
        dense = DenseCooccurrenceTable(maxProduct: plan.maxProduct, vocabularySize: plan.vocabularySize)
    }

    deinit {
        dense.release()
    }

    /// Counts the pairs of an id stream (ids below the vocabulary size, sentences separated by
    /// `EncodedCorpus.sentenceEnd`).
    public func add(_ ids: UnsafeBufferPointer<UInt32>) throws {
        precondition(!finished)
        let v = UInt32(plan.vocabularySize)
        for id in ids where id != EncodedCorpus.sentenceEnd && id >= v {
            preconditionFailure("word id \(id) outside the vocabulary of \(v) words")
        }
        var errors = [Error?](repeating: nil, count: threads)
        let lock = DispatchQueue(label: "cooccurrence.errors")
        let dense = self.dense, workers = self.workers
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            do { try workers[t].add(ids, dense: dense) } catch { lock.sync { errors[t] = error } }
        }
        if let error = errors.compactMap({ $0 }).first { throw error }
        statistics.tokens = workers[0].tokens
        statistics.pairIncrements = workers.reduce(0) { $0 + $1.increments }
        statistics.spilledRuns = workers.reduce(0) { $0 + $1.spill.spills }
        statistics.intermediateMerges = workers.reduce(0) { $0 + $1.spill.intermediateMerges }
    }

    /// Merges everything counted into one sorted file of unique pairs.
    public func finish() throws -> CooccurrenceCounts {
        precondition(!finished)
        finished = true
        let output = try TemporaryFile(directory: directory, purpose: "cooccurrences")
        var writer = RecordWriter<CooccurrenceCount>(file: output, bufferBytes: plan.mergeBufferBytes)
        do {
            // At most mergeFanIn inputs: each worker's runs, its hash table, and the dense table.
            let runLimit = max(1, (plan.mergeFanIn - 1) / threads - 1)
            var cursors: [MergeCursor] = []
            for w in workers {
                cursors += try w.spill.cursors(limit: runLimit)
                cursors.append(.memory(w.drainSorted()))
            }
            cursors.append(.dense(dense, bufferBytes: plan.mergeBufferBytes))
            _ = try RunMerger.merge(cursors, into: &writer)
            let n = try writer.finish()
            statistics.records = n
            statistics.spilledRuns = workers.reduce(0) { $0 + $1.spill.spills }
            statistics.intermediateMerges = workers.reduce(0) { $0 + $1.spill.intermediateMerges }
            return CooccurrenceCounts(file: output, count: n, vocabularySize: plan.vocabularySize)
        } catch {
            writer.abandon()
            throw error
        }
    }
}

/// One counting thread's share: the rows i with i mod parts == part.
final class CooccurrenceCountingWorker {
    let window: Int
    let part: UInt32
    let parts: UInt32
    let weights: [UInt64]
    let idBits: Int
    var hashed: HashedCooccurrenceTable
    let spill: CooccurrenceSpill
    private(set) var tokens = 0
    private(set) var increments = 0

    init(plan: CooccurrenceMemoryPlan, window: Int, part: Int, parts: Int, temporaryDirectory: String) throws {
        self.window = window
        self.part = UInt32(part)
        self.parts = UInt32(parts)
        weights = CooccurrenceWeights.table(window: window)
        idBits = RadixSort.bits(for: plan.vocabularySize)
        spill = try CooccurrenceSpill(directory: temporaryDirectory, fanIn: plan.mergeFanIn,
                                      bufferBytes: plan.mergeBufferBytes)
        hashed = HashedCooccurrenceTable(maxCapacity: max(64, plan.hashSlots / parts))
    }

    deinit { hashed.release() }

    func add(_ ids: UnsafeBufferPointer<UInt32>, dense: DenseCooccurrenceTable) throws {
        let end = EncodedCorpus.sentenceEnd
        let part = self.part, parts = self.parts, window = self.window
        var sentenceStart = 0
        var increments = 0, tokens = 0
        let mask: UInt32? = parts & (parts - 1) == 0 ? parts - 1 : nil
        @inline(__always) func owns(_ row: UInt32) -> Bool {
            if let mask { return row & mask == part }
            return row % parts == part
        }
        try weights.withUnsafeBufferPointer { wt in
            for p in 0..<ids.count {
                let w = ids[p]
                if w == end { sentenceStart = p + 1; continue }
                tokens &+= 1
                let ownsW = owns(w)
                var k = p - 1
                let lo = max(sentenceStart, p - window)
                while k >= lo {
                    let c = ids[k]
                    let weight = wt[p - k]
                    let ownsC = owns(c)
                    if dense.holds(c, w) {
                        if ownsC { dense.add(c, w, weight) }
                        if ownsW { dense.add(w, c, weight) }
                    } else {
                        if ownsC { hashed.add(UInt64(c) << 32 | UInt64(w), weight) }
                        if ownsW { hashed.add(UInt64(w) << 32 | UInt64(c), weight) }
                        if hashed.count >= hashed.limit {
                            if hashed.isFull { try spillHashed() } else { hashed.growIfNeeded() }
                        }
                    }
                    k -= 1
                }
                increments &+= 2 * (p - lo)
            }
        }
        self.tokens += tokens
        if part == 0 { self.increments += increments }
    }

    private func spillHashed() throws {
        try spill.append(drainSorted())
        hashed.reset()
    }

    /// The hash table's contents sorted by key (valid until the next `add`).
    func drainSorted() -> UnsafeMutableBufferPointer<CooccurrenceCount> {
        hashed.drainSorted(keyBits: idBits)
    }
}
