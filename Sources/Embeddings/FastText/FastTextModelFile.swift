import Corpus
import EmbedBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The FastText model file (`train --model fasttext --save-model FILE`): enough to give a vector
/// to any word, in or out of the vocabulary, later (`vector --model`, `neighbors --model`).
///
/// ## Format, version 1 (all numbers little-endian)
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic number: the ASCII bytes `MT2STFTM` |
/// | 8 | u32 | format version: 1 |
/// | 12 | u32 | architecture: 0 = Skip-Gram, 1 = CBOW |
/// | 16 | u32 | dim |
/// | 20 | u32 | window |
/// | 24 | u32 | negative samples |
/// | 28 | u32 | epochs |
/// | 32 | u32 | minn (characters) |
/// | 36 | u32 | maxn (characters; 0 = no subwords) |
/// | 40 | u64 | buckets |
/// | 48 | u64 | min-count |
/// | 56 | u64 | seed |
/// | 64 | f64 | sample |
/// | 72 | f32 | alpha (starting learning rate) |
/// | 76 | f32 | min-alpha (final learning rate) |
/// | 80 | u64 | V, vocabulary words |
/// | 88 | u64 | bytes of the vocabulary section |
/// | 96 | u64 | U, n-gram buckets stored (those the vocabulary's words use; 0 when maxn = 0) |
/// | 104 | | vocabulary: V records `u32 n`, `n` bytes of the word (as in the corpus, UTF-8), `i64 count`, in id order (count descending, then bytes ascending) |
/// | | U × u32 | the stored buckets, strictly ascending, each < buckets |
/// | | | zero bytes up to the next multiple of 64 from the start of the file: offset M |
/// | M | (V + U) × dim × f32 | input matrix, row-major: row r < V is word r's own vector, row V + i is the i-th stored bucket's |
///
/// The file is exactly `M + (V + U) × dim × 4` bytes long, which is how truncation is detected.
/// A word's vector is the mean of its own row (when it is in the vocabulary) and the rows of its
/// n-gram buckets (`SubwordOptions.forEachBucket`): a bucket no vocabulary word uses was never
/// trained, so it has no row and counts as a zero row (`FastTextBinFile` writes zeros for it). The
/// file is written atomically (temporary file, then rename); the matrix is read through `mmap`,
/// so looking up a few words touches only their rows.
public enum FastTextModelFile {
    public static let magicString = "MT2STFTM"
    public static let magic: [UInt8] = Array(magicString.utf8)
    public static let version: UInt32 = 1
    static let headerBytes = 104
    static let matrixAlignment = 64

    /// Writes the `vocabulary.size + usedBuckets.count` input rows of `dim` floats (`row(r)`
    /// points at row r: the words, then the buckets of `usedBuckets`, ascending).
    public static func write(to path: String, hyperparameters h: FastTextHyperparameters, vocabulary: Vocabulary,
                             usedBuckets: [Int32], row: (Int) -> UnsafePointer<Float>) throws {
        precondition(h.subwords.enabled || usedBuckets.isEmpty, "no buckets without subwords")
        precondition(zip(usedBuckets, usedBuckets.dropFirst()).allSatisfy { $0 < $1 }, "buckets ascending")
        let rows = vocabulary.size + usedBuckets.count
        var vocabularyBytes = 0
        for id in 0..<vocabulary.size { vocabularyBytes += 4 + vocabulary.withBytes(id) { $0.count } + 8 }
        var header = ByteWriter()
        header.bytes(magic)
        header.u32(version)
        header.u32(h.cbow ? 1 : 0)
        header.u32(UInt32(h.dim))
        header.u32(UInt32(h.window))
        header.u32(UInt32(h.negatives))
        header.u32(UInt32(h.epochs))
        header.u32(UInt32(h.subwords.minn))
        header.u32(UInt32(h.subwords.maxn))
        header.u64(UInt64(h.subwords.buckets))
        header.u64(UInt64(h.minCount))
        header.u64(h.seed)
        header.u64(h.sample.bitPattern)
        header.u32(h.alpha.bitPattern)
        header.u32(h.minAlpha.bitPattern)
        header.u64(UInt64(vocabulary.size))
        header.u64(UInt64(vocabularyBytes))
        header.u64(UInt64(usedBuckets.count))
        assert(header.data.count == headerBytes)
        try AtomicFile.write(to: path) { sink in
            try sink.write(header.data)
            var record = ByteWriter()
            for id in 0..<vocabulary.size {
                vocabulary.withBytes(id) { word in
                    record.u32(UInt32(word.count))
                    record.data.append(contentsOf: word)
                }
                record.u64(UInt64(bitPattern: vocabulary.counts[id]))
                if record.data.count >= 1 << 16 {
                    try sink.write(record.data)
                    record.data.removeAll(keepingCapacity: true)
                }
            }
            for b in usedBuckets { record.u32(UInt32(b)) }
            let end = headerBytes + vocabularyBytes + 4 * usedBuckets.count
            record.data.append(contentsOf: repeatElement(0, count: matrixOffset(after: end) - end))
            try sink.write(record.data)
            let dim = h.dim
            #if _endian(little)
            for r in 0..<rows { try sink.write(UnsafeRawBufferPointer(start: row(r), count: dim * 4)) }
            #else
            var buffer = ByteWriter()
            for r in 0..<rows {
                let v = row(r)
                for j in 0..<dim { buffer.u32(v[j].bitPattern) }
                try sink.write(buffer.data)
                buffer.data.removeAll(keepingCapacity: true)
            }
            #endif
        }
    }

    /// Writes the input matrix of `table` (vocabulary rows, then the rows of `usedBuckets`).
    public static func write(to path: String, hyperparameters: FastTextHyperparameters, vocabulary: Vocabulary,
                             usedBuckets: [Int32], table: EmbeddingTable) throws {
        precondition(table.dim == hyperparameters.dim && table.inputRows == vocabulary.size + usedBuckets.count)
        try table.read { rows in
            try write(to: path, hyperparameters: hyperparameters, vocabulary: vocabulary, usedBuckets: usedBuckets,
                      row: { rows.inputRow($0) })
        }
    }

    static func matrixOffset(after end: Int) -> Int {
        (end + matrixAlignment - 1) / matrixAlignment * matrixAlignment
    }

    /// Reads and checks a model file, ours or fastText's `.bin` (`FastTextBinFile`, recognised by
    /// its magic number); the matrix stays memory-mapped while the model lives.
    public static func read(path: String) throws -> FastTextModel {
        let file: MappedFile
        do { file = try MappedFile(path: path) } catch let e as FileError { throw ModelFileError.cannotOpen(path: path, reason: e.reason) }
        let size = file.size
        let reader = ByteReader(base: file.base, size: size)
        guard size >= 8, reader.bytes(0, 8).elementsEqual(magic) else {
            if size >= 4 && reader.u32(0) == UInt32(bitPattern: FastTextBinFile.magic) {
                return try FastTextBinFile.read(file, path: path)
            }
            throw ModelFileError.notAModelFile(path: path)
        }
        guard size >= 12 else { throw ModelFileError.truncated(path: path, expectedBytes: headerBytes, actualBytes: size) }
        let version = reader.u32(8)
        guard version == FastTextModelFile.version else { throw ModelFileError.unsupportedVersion(path: path, version: version) }
        guard size >= headerBytes else {
            throw ModelFileError.truncated(path: path, expectedBytes: headerBytes, actualBytes: size)
        }
        func corrupt(_ offset: Int, _ reason: String) -> ModelFileError { .corrupt(path: path, byteOffset: offset, reason: reason) }
        var h = FastTextHyperparameters()
        let architecture = reader.u32(12)
        guard architecture <= 1 else { throw corrupt(12, "unknown architecture code \(architecture)") }
        h.cbow = architecture == 1
        h.dim = Int(reader.u32(16))
        h.window = Int(reader.u32(20))
        h.negatives = Int(reader.u32(24))
        h.epochs = Int(reader.u32(28))
        h.subwords.minn = Int(reader.u32(32))
        h.subwords.maxn = Int(reader.u32(36))
        let buckets = reader.u64(40)
        guard buckets <= UInt64(Int32.max) else { throw corrupt(40, "bucket count \(buckets) out of range") }
        h.subwords.buckets = Int(buckets)
        h.minCount = Int(clamping: reader.u64(48))
        h.seed = reader.u64(56)
        h.sample = Double(bitPattern: reader.u64(64))
        h.alpha = Float(bitPattern: reader.u32(72))
        h.minAlpha = Float(bitPattern: reader.u32(76))
        guard h.dim >= 1 && h.dim <= 100_000 else { throw corrupt(16, "dimension \(h.dim) out of range") }
        do { try h.subwords.validate() } catch { throw corrupt(32, "bad subword options: \(error)") }
        let words = reader.u64(80), vocabularyBytes = reader.u64(88), stored = reader.u64(96)
        guard words >= 1 && words <= UInt64(Int32.max) else { throw corrupt(80, "vocabulary size \(words) out of range") }
        guard stored <= (h.subwords.enabled ? buckets : 0) else {
            throw corrupt(96, "\(stored) stored buckets, more than the \(h.subwords.enabled ? buckets : 0) there are")
        }
        guard vocabularyBytes >= words * 13 && vocabularyBytes <= UInt64(Int.max / 4) else {
            throw corrupt(88, "vocabulary section size \(vocabularyBytes) impossible for \(words) words")
        }
        let rows = words + stored
        let bucketsAt = headerBytes + Int(vocabularyBytes)
        let offset = matrixOffset(after: bucketsAt + 4 * Int(stored))
        let (matrixBytes, overflow1) = Int(rows).multipliedReportingOverflow(by: h.dim * 4)
        let (expected, overflow2) = offset.addingReportingOverflow(matrixBytes)
        guard !overflow1 && !overflow2 else { throw corrupt(96, "matrix size overflows") }
        guard size >= expected else { throw ModelFileError.truncated(path: path, expectedBytes: expected, actualBytes: size) }
        guard size == expected else { throw corrupt(expected, "\(size - expected) unexpected bytes after the matrix") }

        // Vocabulary, checked to be in id order (so row ids match).
        var list: [[UInt8]] = []
        var counts: [Int64] = []
        list.reserveCapacity(Int(words))
        counts.reserveCapacity(Int(words))
        var p = headerBytes
        let end = headerBytes + Int(vocabularyBytes)
        for i in 0..<Int(words) {
            guard p + 4 <= end else { throw corrupt(p, "vocabulary section ends before word \(i + 1) of \(words)") }
            let n = Int(reader.u32(p))
            guard n >= 1 && p + 4 + n + 8 <= end else { throw corrupt(p, "bad length \(n) for word \(i + 1)") }
            let word = Array(reader.bytes(p + 4, n))
            let count = Int64(bitPattern: reader.u64(p + 4 + n))
            if let last = list.last {
                let ordered = counts[counts.count - 1] > count
                    || (counts[counts.count - 1] == count && last.lexicographicallyPrecedes(word))
                guard ordered else { throw corrupt(p, "vocabulary not in count order at word \(i + 1)") }
            }
            guard count >= 0 else { throw corrupt(p + 4 + n, "negative count") }
            list.append(word)
            counts.append(count)
            p += 4 + n + 8
        }
        guard p == end else { throw corrupt(p, "\(end - p) stray bytes at the end of the vocabulary section") }
        let vocabulary = Vocabulary(words: list, counts: counts, minCount: 0)
        guard vocabulary.table.count == list.count else { throw corrupt(headerBytes, "duplicate words in the vocabulary") }
        var previous: Int64 = -1
        for i in 0..<Int(stored) {
            let b = Int64(reader.u32(bucketsAt + 4 * i))
            guard b > previous && b < Int64(buckets) else {
                throw corrupt(bucketsAt + 4 * i, "stored bucket \(b) out of order or out of range")
            }
            previous = b
        }
        return FastTextModel(hyperparameters: h, vocabulary: vocabulary, bucketRows: .stored(count: Int(stored), offset: bucketsAt),
                             file: file, matrixOffset: offset)
    }
}

/// Little-endian serialisation into a byte array.
struct ByteWriter {
    var data: [UInt8] = []
    mutating func bytes(_ b: [UInt8]) { data.append(contentsOf: b) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func i32(_ v: Int32) { u32(UInt32(bitPattern: v)) }
    mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
}

/// Little-endian reads from mapped memory (callers check the bounds).
struct ByteReader {
    let base: UnsafeRawPointer
    let size: Int
    func bytes(_ offset: Int, _ count: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base + offset, count: count) }
    func u32(_ offset: Int) -> UInt32 { UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
    func u64(_ offset: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    func i32(_ offset: Int) -> Int32 { Int32(bitPattern: u32(offset)) }
    func i64(_ offset: Int) -> Int64 { Int64(bitPattern: u64(offset)) }
    func u8(_ offset: Int) -> UInt8 { base.load(fromByteOffset: offset, as: UInt8.self) }
}
