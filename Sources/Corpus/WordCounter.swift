/// Counts words while the corpus is read, giving each distinct word a provisional id in order of
/// first appearance, and prunes the rarest words when it holds too many (word2vec's ReduceVocab),
/// so memory stays bounded on corpora with tens of millions of distinct tokens.
final class WordCounter {
    let table: ByteKeyTable
    var counts: GrowableBuffer<Int64>
    var provisionalIds: GrowableBuffer<UInt32>
    private(set) var nextProvisionalId: UInt32 = 0
    let maxDistinct: Int
    private(set) var prunings = 0
    /// Words with a count at or below this were dropped by the last pruning.
    private(set) var pruneThreshold: Int64 = 0

    init(maxDistinct: Int, expectedCount: Int = 1 << 18) {
        self.maxDistinct = maxDistinct
        table = ByteKeyTable(expectedCount: expectedCount)
        counts = GrowableBuffer(capacity: expectedCount)
        provisionalIds = GrowableBuffer(capacity: expectedCount)
    }

    deinit {
        counts.deallocate()
        provisionalIds.deallocate()
    }

    var distinctWords: Int { table.count }

    /// Counts one occurrence of `word`; returns its provisional id.
    @inline(__always)
    func add(_ word: UnsafeRawBufferPointer) -> UInt32 {
        var inserted = false
        let e = table.findOrInsert(word, inserted: &inserted)
        if inserted {
            counts.append(1)
            provisionalIds.append(nextProvisionalId)
            nextProvisionalId += 1
        } else {
            counts[e] += 1
        }
        return provisionalIds[e]
    }

    /// Prunes if over budget. Pruned words lose their provisional ids (their tokens are dropped
    /// later); a pruned word seen again starts a new count under a new id, as in word2vec.
    func pruneIfNeeded() {
        guard table.count > maxDistinct else { return }
        pruneThreshold += 1
        let threshold = pruneThreshold
        let kept = table.retain { counts[$0] > threshold }
        var newCounts = GrowableBuffer<Int64>(capacity: kept.count)
        var newIds = GrowableBuffer<UInt32>(capacity: kept.count)
        for e in kept {
            newCounts.append(counts[e])
            newIds.append(provisionalIds[e])
        }
        counts.deallocate(); provisionalIds.deallocate()
        counts = newCounts; provisionalIds = newIds
        prunings += 1
    }
}
