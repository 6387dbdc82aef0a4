#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Corpus

/// The training records in a random order, in an unlinked temporary file.
public struct ShuffledRecords {
    public let file: TemporaryFile
    public let count: Int

    /// All records, in order (for tests and small corpora).
    public func readAll() throws -> [GloVeRecord] {
        var out: [GloVeRecord] = []
        out.reserveCapacity(count)
        var reader = RecordReader<GloVeRecord>(file: file, range: 0..<count, bufferBytes: 1 << 20)
        defer { reader.release() }
        while let r = try reader.next() { out.append(r) }
        return out
    }
}

/// Turns the sorted co-occurrence counts into training records (log X_ij and f(X_ij)
/// precomputed) in a uniformly random order, reproducible from the seed and independent of the
/// thread count, with memory bounded by `memoryBytes` whatever the number of records:
///
/// 1. each record gets a bucket drawn uniformly from one generator (drawn twice: once to size the
///    buckets, once to place the records), buckets small enough to fit in memory;
/// 2. records are streamed from the counts file into their bucket's region of the output file
///    through one small buffer per bucket;
/// 3. each bucket is loaded, Fisher–Yates shuffled with its own generator, and written back.
///
/// A uniform multinomial split followed by uniform permutations of the parts is a uniform
/// permutation of the whole, in two sequential passes instead of N random accesses.
public enum RecordShuffler {
    public static func shuffle(_ counts: CooccurrenceCounts, xMax: Double, alpha: Double, seed: UInt64,
                               memoryBytes: Int, temporaryDirectory: String) throws -> ShuffledRecords {
        let n = counts.count
        let recordSize = MemoryLayout<GloVeRecord>.stride
        let output = try TemporaryFile(directory: temporaryDirectory, purpose: "shuffled")
        guard n > 0 else { return ShuffledRecords(file: output, count: 0) }
        let bucketBytes = max(1 << 16, min(32 << 20, memoryBytes / 4))
        let bucketCount = max(1, min(1 << 14, (n * recordSize + bucketBytes - 1) / bucketBytes))
        let bufferBytes = max(4096, min(1 << 18, memoryBytes / 4 / bucketCount))

        // Pass 1: bucket sizes.
        var sizes = [Int](repeating: 0, count: bucketCount)
        var rng = Xoshiro256(seed: seed, stream: 0x5_4f46_6c65)
        for _ in 0..<n { sizes[rng.below(bucketCount)] += 1 }
        var starts = [Int](repeating: 0, count: bucketCount + 1)
        for b in 0..<bucketCount { starts[b + 1] = starts[b] + sizes[b] }
        try output.truncate(to: n * recordSize)

        // Pass 2: scatter.
        rng = Xoshiro256(seed: seed, stream: 0x5_4f46_6c65)
        var writers = (0..<bucketCount).map {
            RecordWriter<GloVeRecord>(file: output, bufferBytes: bufferBytes, startOffset: starts[$0] * recordSize)
        }
        var reader = RecordReader<CooccurrenceCount>(file: counts.file, range: 0..<n, bufferBytes: 1 << 20)
        defer { reader.release() }
        do {
            while let c = try reader.next() {
                let x = c.value
                let record = GloVeRecord(word: c.word, context: c.context, logCount: Float(log(x)),
                                         weight: GloVeRecord.weighting(x, xMax: xMax, alpha: alpha))
                try writers[rng.below(bucketCount)].append(record)
            }
            for b in 0..<bucketCount { _ = try writers[b].finish() }
        } catch {
            for w in writers { w.abandon() }
            throw error
        }

        // Pass 3: shuffle each bucket in memory.
        let largest = sizes.max() ?? 0
        let block = UnsafeMutablePointer<GloVeRecord>.allocate(capacity: max(largest, 1))
        defer { block.deallocate() }
        for b in 0..<bucketCount where sizes[b] > 1 {
            let bytes = sizes[b] * recordSize, offset = starts[b] * recordSize
            guard try output.read(into: block, count: bytes, at: offset) == bytes else {
                throw GloVeError.temporaryFile(directory: temporaryDirectory, reason: "shuffle file shorter than written")
            }
            var local = Xoshiro256(seed: seed, stream: 0x5_4f46_0000 &+ UInt64(b))
            var i = sizes[b] - 1
            while i > 0 {
                let j = local.below(i + 1)
                let t = block[i]; block[i] = block[j]; block[j] = t
                i -= 1
            }
            try output.write(block, count: bytes, at: offset)
        }
        return ShuffledRecords(file: output, count: n)
    }
}
