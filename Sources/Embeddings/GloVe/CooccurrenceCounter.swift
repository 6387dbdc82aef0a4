import Corpus

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
/// the dense table, the hash table's last contents and the spilled runs into one sorted file.
public final class CooccurrenceCounter {
    public let plan: CooccurrenceMemoryPlan
    public let window: Int
    let weights: [UInt64]
    let idBits: Int
    var dense: DenseCooccurrenceTable
    var hashed: HashedCooccurrenceTable
    let spill: CooccurrenceSpill
    public private(set) var statistics = CooccurrenceStatistics()
    private var finished = false

    public init(plan: CooccurrenceMemoryPlan, window: Int, temporaryDirectory: String) throws {
        guard window >= 1 else { throw GloVeError.invalidOption("--window must be at least 1 (got \(window))") }
        self.plan = plan
        self.window = window
        weights = CooccurrenceWeights.table(window: window)
        idBits = RadixSort.bits(for: plan.vocabularySize)
        // The temporary file comes first: an unusable directory fails before any big allocation.
        spill = try CooccurrenceSpill(directory: temporaryDirectory, fanIn: plan.mergeFanIn,
                                      bufferBytes: plan.mergeBufferBytes)
        dense = DenseCooccurrenceTable(maxProduct: plan.maxProduct, vocabularySize: plan.vocabularySize)
        hashed = HashedCooccurrenceTable(maxCapacity: plan.hashSlots)
    }

    deinit {
        dense.release()
        hashed.release()
    }

    /// Counts the pairs of an id stream (ids below the vocabulary size, sentences separated by
    /// `EncodedCorpus.sentenceEnd`).
    public func add(_ ids: UnsafeBufferPointer<UInt32>) throws {
        precondition(!finished)
        let end = EncodedCorpus.sentenceEnd
        let v = UInt32(plan.vocabularySize)
        var sentenceStart = 0
        var increments = 0, tokens = 0
        try weights.withUnsafeBufferPointer { wt in
            for p in 0..<ids.count {
                let w = ids[p]
                if w == end { sentenceStart = p + 1; continue }
                precondition(w < v, "word id \(w) outside the vocabulary of \(v) words")
                tokens &+= 1
                var k = p - 1
                let lo = max(sentenceStart, p - window)
                while k >= lo {
                    let c = ids[k]
                    let weight = wt[p - k]
                    if dense.holds(c, w) {
                        dense.add(c, w, weight)
                        dense.add(w, c, weight)
                    } else {
                        hashed.add(UInt64(c) << 32 | UInt64(w), weight)
                        hashed.add(UInt64(w) << 32 | UInt64(c), weight)
                        if hashed.count >= hashed.limit {
                            if hashed.isFull { try spillHashed() } else { hashed.growIfNeeded() }
                        }
                    }
                    k -= 1
                }
                increments &+= 2 * (p - lo)
            }
        }
        statistics.tokens += tokens
        statistics.pairIncrements += increments
    }

    private func spillHashed() throws {
        let run = hashed.drainSorted(keyBits: idBits)
        try spill.append(run)
        hashed.reset()
        statistics.spilledRuns = spill.spills
        statistics.intermediateMerges = spill.intermediateMerges
    }

    /// Merges everything counted into one sorted file of unique pairs.
    public func finish() throws -> CooccurrenceCounts {
        precondition(!finished)
        finished = true
        let output = try TemporaryFile(directory: spill.directory, purpose: "cooccurrences")
        var writer = RecordWriter<CooccurrenceCount>(file: output, bufferBytes: plan.mergeBufferBytes)
        let lastRun = hashed.drainSorted(keyBits: idBits)
        var cursors = try spill.cursors(limit: plan.mergeFanIn - 2)
        cursors.append(.memory(lastRun))
        cursors.append(.dense(dense, bufferBytes: plan.mergeBufferBytes))
        do {
            _ = try RunMerger.merge(cursors, into: &writer)
            let n = try writer.finish()
            statistics.records = n
            statistics.spilledRuns = spill.spills
            statistics.intermediateMerges = spill.intermediateMerges
            return CooccurrenceCounts(file: output, count: n, vocabularySize: plan.vocabularySize)
        } catch {
            writer.abandon()
            throw error
        }
    }
}
