import Corpus
import Synchronization

/// Hands out the corpus to the workers of one epoch in chunks, with work stealing.
///
/// Worker `t` owns the `t`-th contiguous share of the corpus (as before: the threads work in
/// different parts of the text), cut into `chunksPerWorker` chunks at sentence starts. It takes its
/// own chunks from the front; when it has none left it takes the last chunk of the worker with the
/// most left. So an epoch ends when the work ends, not when the slowest core finishes a fixed half:
/// a core that the host slows down (a busy sibling hyper-thread, another guest) costs only its own
/// share of the speed, instead of keeping the other core idle at the end of every epoch.
///
/// One worker gets the whole corpus as one chunk, so a one-thread run is unchanged.
/// Claiming a chunk is one compare-and-swap, a few hundred times per epoch.
final class ShardQueue {
    let chunks: [Range<Int>]
    let chunksPerWorker: Int
    /// Per worker: the front (low 32 bits) and the end (high 32 bits) of its unclaimed chunks.
    private let cursors: [Cursor]

    private final class Cursor {
        let state = Atomic<UInt64>(0)
        // Keeps the next worker's cursor off this cache line.
        let padding: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0)
    }

    /// Chunks of about `chunkTokens` ids, at most `maxChunksPerWorker` per worker.
    init(corpus: EncodedCorpus, workers: Int, chunkTokens: Int = 100_000, maxChunksPerWorker: Int = 64) {
        precondition(workers >= 1)
        chunksPerWorker = workers == 1 ? 1 : max(1, min(maxChunksPerWorker, corpus.ids.count / (workers * chunkTokens)))
        chunks = corpus.shards(workers * chunksPerWorker)
        cursors = (0..<workers).map { _ in Cursor() }
        reset()
    }

    /// Makes every chunk available again (at the start of an epoch, with no worker running).
    func reset() {
        for c in cursors { c.state.store(UInt64(chunksPerWorker) << 32, ordering: .sequentiallyConsistent) }
    }

    /// Per worker, the front and end of its unclaimed chunks (for a checkpoint; workers stopped).
    var state: [UInt64] { cursors.map { $0.state.load(ordering: .sequentiallyConsistent) } }

    /// Sets the unclaimed chunks from `state`; false if it does not fit this queue.
    func restore(_ state: [UInt64]) -> Bool {
        guard state.count == cursors.count,
              state.allSatisfy({ ($0 & 0xFFFF_FFFF) <= $0 >> 32 && $0 >> 32 <= UInt64(chunksPerWorker) }) else { return false }
        for (c, s) in zip(cursors, state) { c.state.store(s, ordering: .sequentiallyConsistent) }
        return true
    }

    /// The next chunk for `worker`: its own next one, else one taken from the end of the worker
    /// with the most chunks left; nil when the epoch's corpus is all handed out.
    func next(for worker: Int) -> Range<Int>? {
        if let k = take(from: worker, front: true) { return chunks[worker * chunksPerWorker + k] }
        while true {
            var victim = -1
            var most = 0
            for (v, c) in cursors.enumerated() where v != worker {
                let s = c.state.load(ordering: .relaxed)
                let left = Int(s >> 32) - Int(s & 0xFFFF_FFFF)
                if left > most { most = left; victim = v }
            }
            if victim < 0 { return nil }
            if let k = take(from: victim, front: false) { return chunks[victim * chunksPerWorker + k] }
        }
    }

    /// Claims the first (front) or last chunk left of worker `w`'s share; its index in the share.
    private func take(from w: Int, front: Bool) -> Int? {
        let cursor = cursors[w]
        var s = cursor.state.load(ordering: .relaxed)
        while true {
            let lo = s & 0xFFFF_FFFF, hi = s >> 32
            if lo >= hi { return nil }
            let next = front ? (hi << 32) | (lo + 1) : ((hi - 1) << 32) | lo
            let (exchanged, original) = cursor.state.compareExchange(expected: s, desired: next, ordering: .acquiringAndReleasing)
            if exchanged { return Int(front ? lo : hi - 1) }
            s = original
        }
    }
}
