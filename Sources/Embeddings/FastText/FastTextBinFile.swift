import EmbedBase
import Corpus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// fastText's own model file (`fasttext skipgram|cbow` writes it; `load_model`, `print-word-vectors`,
/// `nn` and gensim's `load_facebook_model` read it), format version 12 of fastText 0.9.
///
/// ## Layout (fastText writes native byte order: little-endian on every platform it runs on)
/// | offset | size | field |
/// |---|---|---|
/// | 0 | i32 | magic number 793712314 |
/// | 4 | i32 | version: 12 (11 for fastText 0.1, same layout) |
/// | 8 | 12 × i32 | args: dim, ws, epoch, minCount, neg, wordNgrams, loss (1 hs, 2 ns, 3 softmax, 4 ova), model (1 cbow, 2 sg, 3 supervised), bucket, minn, maxn, lrUpdateRate |
/// | 56 | f64 | t (sub-sampling threshold) |
/// | 64 | i32, i32, i32 | dictionary: size, nwords, nlabels |
/// | 76 | i64, i64 | ntokens, pruneidx_size (-1: not pruned) |
/// | 92 | | size entries: the word's bytes, a 0 byte, i64 count, i8 type (0 word, 1 label); then pruneidx_size pairs of i32 |
/// | | u8 | quantized input (1 for a `.ftz`) |
/// | | i64, i64 | input matrix rows m = nwords + bucket, columns n = dim |
/// | | m × n × f32 | input matrix: word rows in dictionary order, then one row per bucket |
/// | | u8 | quantized output |
/// | | i64, i64 | output matrix rows (nwords), columns (dim) |
/// | | rows × dim × f32 | output matrix |
///
/// Writing: our table stores rows only for the buckets some vocabulary word uses
/// (`SubwordRowTable`); the others, never read or written by training, are written as zero rows,
/// and our own readers count them as zeros too (`FastTextModel`), so fastText, gensim and
/// `mt2st-embed vector` give an unseen word the same vector (fastText's random initial values
/// would only add noise to it). lr, the seed and min-alpha are not in fastText's args and are
/// not stored; loss is written as 2 (negative sampling), lrUpdateRate as fastText's 100.
///
/// Reading checks every length against the file size (truncation is reported with the section
/// it cut), refuses supervised (classifier) and quantized models with their own message, and
/// maps the matrices with `mmap`; rows are read unaligned (fastText does not align them).
public enum FastTextBinFile {
    public static let magic: Int32 = 793_712_314
    public static let version: Int32 = 12
    static let argsEnd = 64
    static let entriesStart = 92

    /// Writes the model of a FastText run: `table` holds the words' rows, then the rows of
    /// `usedBuckets` (ascending), and the output rows; `tokens` is the corpus size in tokens.
    public static func write(to path: String, hyperparameters h: FastTextHyperparameters, vocabulary: Vocabulary,
                             tokens: Int64, usedBuckets: [Int32], table: EmbeddingTable) throws {
        let words = vocabulary.size
        let buckets = h.subwords.enabled ? h.subwords.buckets : 0
        precondition(table.dim == h.dim && table.inputRows == words + usedBuckets.count && table.outputRows == words)
        precondition(zip(usedBuckets, usedBuckets.dropFirst()).allSatisfy { $0 < $1 } && (usedBuckets.last.map { Int($0) < buckets } ?? true))
        for id in 0..<words where vocabulary.withBytes(id, { $0.contains(0) }) {
            throw ModelFileError.unrepresentable(path: path, reason: "word \(id + 1) contains a NUL byte, which ends a word in fastText's dictionary")
        }
        var w = ByteWriter()
        w.i32(magic)
        w.i32(version)
        for v in [h.dim, h.window, h.epochs, h.minCount, h.negatives, 1, 2, h.cbow ? 1 : 2, buckets,
                  h.subwords.enabled ? h.subwords.minn : 0, h.subwords.maxn, 100] {
            w.i32(Int32(clamping: v))
        }
        w.u64(h.sample.bitPattern)
        w.i32(Int32(words))
        w.i32(Int32(words))
        w.i32(0)
        w.i64(tokens)
        w.i64(-1)
        assert(w.data.count == entriesStart)
        let dim = h.dim
        try AtomicFile.write(to: path) { sink in
            for id in 0..<words {
                vocabulary.withBytes(id) { w.data.append(contentsOf: $0) }
                w.data.append(0)
                w.i64(vocabulary.counts[id])
                w.data.append(0)
                if w.data.count >= 1 << 16 {
                    try sink.write(w.data)
                    w.data.removeAll(keepingCapacity: true)
                }
            }
            w.data.append(0)  // input not quantized
            w.i64(Int64(words + buckets))
            w.i64(Int64(dim))
            try sink.write(w.data)
            var row = RowWriter(dim: dim)
            for r in 0..<words { try row.write(table.input + r * table.stride, to: &sink) }
            // The used buckets' rows, and the runs of zero rows between them in large writes.
            var b = 0
            for (i, used) in usedBuckets.enumerated() {
                try row.writeZeros(rows: Int(used) - b, to: &sink)
                try row.write(table.input + (words + i) * table.stride, to: &sink)
                b = Int(used) + 1
            }
            try row.writeZeros(rows: buckets - b, to: &sink)
            var tail = ByteWriter()
            tail.data.append(0)  // output not quantized
            tail.i64(Int64(words))
            tail.i64(Int64(dim))
            try sink.write(tail.data)
            for r in 0..<words { try row.write(table.output + r * table.stride, to: &sink) }
        }
    }

    /// Rows as little-endian float32: one at a time, or runs of zero rows.
    struct RowWriter {
        let dim: Int
        var bytes: [UInt8]
        /// Whole zero rows, about 4 MiB (more than `FileSink`'s buffer: written directly).
        let zeros: [UInt8]

        init(dim: Int) {
            self.dim = dim
            bytes = [UInt8](repeating: 0, count: dim * 4)
            zeros = [UInt8](repeating: 0, count: max(1, (4 << 20) / (dim * 4)) * dim * 4)
        }

        func writeZeros(rows: Int, to sink: inout FileSink) throws {
            var left = rows * dim * 4
            while left > 0 {
                let n = min(left, zeros.count)
                try zeros.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                left -= n
            }
        }

        mutating func write(_ row: UnsafePointer<Float>, to sink: inout FileSink) throws {
            #if _endian(little)
            try sink.write(UnsafeRawBufferPointer(start: row, count: dim * 4))
            #else
            for j in 0..<dim { withUnsafeBytes(of: row[j].bitPattern.littleEndian) { for k in 0..<4 { bytes[4 * j + k] = $0[k] } } }
            try sink.write(bytes)
            #endif
        }
    }

    /// Reads a mapped fastText `.bin` whose first four bytes are `magic`.
    static func read(_ file: MappedFile, path: String) throws -> FastTextModel {
        let size = file.size
        let r = ByteReader(base: file.base, size: size)
        func need(_ end: Int, _ section: String) throws {
            guard end <= size else { throw ModelFileError.truncatedIn(path: path, actualBytes: size, section: section) }
        }
        func corrupt(_ offset: Int, _ reason: String) -> ModelFileError { .corrupt(path: path, byteOffset: offset, reason: reason) }
        try need(8, "header")
        let version = r.i32(4)
        guard version == 11 || version == 12 else { throw ModelFileError.unsupportedFastTextVersion(path: path, version: version) }
        try need(argsEnd, "header (args)")
        let args = (0..<12).map { Int(r.i32(8 + 4 * $0)) }
        let (dim, ws, epoch, minCount, neg, loss, model, bucket, minn, maxn) =
            (args[0], args[1], args[2], args[3], args[4], args[6], args[7], args[8], args[9], args[10])
        if model == 3 { throw ModelFileError.supervised(path: path, quantized: quantizedFlag(r) == 1) }
        guard model == 1 || model == 2 else { throw corrupt(36, "unknown model code \(model) (1 cbow, 2 skipgram, 3 supervised)") }
        guard (1...4).contains(loss) else { throw corrupt(32, "unknown loss code \(loss)") }
        guard dim >= 1 && dim <= 100_000 else { throw corrupt(8, "dimension \(dim) out of range") }
        guard bucket >= 0 else { throw corrupt(40, "negative bucket count \(bucket)") }
        var h = FastTextHyperparameters()
        h.cbow = model == 1
        h.dim = dim
        h.window = ws
        h.epochs = epoch
        h.minCount = minCount
        h.negatives = neg
        h.sample = Double(bitPattern: r.u64(56))
        h.subwords = maxn == 0 ? SubwordOptions(minn: 0, maxn: 0, buckets: bucket) : SubwordOptions(minn: minn, maxn: maxn, buckets: bucket)
        do { try h.subwords.validate() } catch { throw corrupt(44, "bad n-gram options minn \(minn) maxn \(maxn) bucket \(bucket)") }
        guard maxn == 0 || bucket > 0 else { throw corrupt(40, "n-grams (maxn \(maxn)) without buckets") }

        try need(entriesStart, "dictionary header")
        let entries = Int(r.i32(64)), nwords = Int(r.i32(68)), nlabels = Int(r.i32(72))
        let pruned = r.i64(84)
        if nlabels > 0 { throw ModelFileError.supervised(path: path, quantized: quantizedFlag(r) == 1) }
        guard nwords >= 1 && entries == nwords + nlabels && nlabels == 0 else {
            throw corrupt(64, "dictionary sizes \(entries) entries, \(nwords) words, \(nlabels) labels")
        }
        guard pruned >= -1 && pruned <= Int64(Int32.max) else { throw corrupt(84, "pruned index size \(pruned)") }
        // An entry takes at least 11 bytes (one byte of word, its 0, count, type).
        guard nwords <= (size - entriesStart) / 11 else {
            throw ModelFileError.truncatedIn(path: path, actualBytes: size, section: "dictionary (\(nwords) words announced)")
        }
        var words: [[UInt8]] = []
        var counts: [Int64] = []
        words.reserveCapacity(nwords)
        counts.reserveCapacity(nwords)
        var p = entriesStart
        for i in 0..<nwords {
            let section = "dictionary (word \(i + 1) of \(nwords))"
            guard let nul = memchr(file.base + p, 0, size - p) else {
                throw ModelFileError.truncatedIn(path: path, actualBytes: size, section: section)
            }
            let length = UnsafeRawPointer(nul) - (file.base + p)
            guard length > 0 else { throw corrupt(p, "empty word in the \(section)") }
            try need(p + length + 1 + 9, section)
            words.append(Array(r.bytes(p, length)))
            let count = r.i64(p + length + 1), type = r.u8(p + length + 9)
            guard count >= 0 else { throw corrupt(p + length + 1, "negative count in the \(section)") }
            guard type == 0 else { throw corrupt(p + length + 9, "entry type \(type) in the \(section), expected 0 (word)") }
            counts.append(count)
            p += length + 10
        }
        if pruned > 0 {
            p += 8 * Int(pruned)
            try need(p, "pruned index")
        }
        try need(p + 1, "quantization flag")
        guard r.u8(p) == 0 else {
            if r.u8(p) == 1 { throw ModelFileError.quantized(path: path) }
            throw corrupt(p, "quantization flag \(r.u8(p))")
        }
        guard pruned <= 0 else { throw corrupt(84, "pruned dictionary in a model that is not quantized") }
        guard let vocabulary = Vocabulary(keepingOrderOf: words, counts: counts) else {
            throw corrupt(entriesStart, "the same word twice in the dictionary")
        }
        let (inputAt, inputEnd) = try matrix(r, at: p + 1, rows: nwords + bucket, dim: dim, name: "input", need: need, corrupt: corrupt)
        try need(inputEnd + 1, "output quantization flag")
        guard r.u8(inputEnd) == 0 else {
            if r.u8(inputEnd) == 1 { throw ModelFileError.quantized(path: path) }
            throw corrupt(inputEnd, "output quantization flag \(r.u8(inputEnd))")
        }
        let (outputAt, end) = try matrix(r, at: inputEnd + 1, rows: nwords, dim: dim, name: "output", need: need, corrupt: corrupt)
        guard size == end else { throw corrupt(end, "\(size - end) unexpected bytes after the output matrix") }
        return FastTextModel(hyperparameters: h, vocabulary: vocabulary, bucketRows: .all(count: bucket), file: file,
                             matrixOffset: inputAt, output: (outputAt, nwords), fastTextVersion: version)
    }

    /// The input-quantization flag after the dictionary (labels included), nil when the file ends
    /// before it: tells a supervised `.ftz` from a `.bin` in the error message.
    static func quantizedFlag(_ r: ByteReader) -> UInt8? {
        guard r.size >= entriesStart else { return nil }
        var p = entriesStart
        for _ in 0..<max(0, Int(r.i32(64))) {
            guard p < r.size, let nul = memchr(r.base + p, 0, r.size - p) else { return nil }
            p += UnsafeRawPointer(nul) - (r.base + p) + 10
        }
        let pruned = r.i64(84)
        guard pruned >= -1 && pruned <= Int64(Int32.max) else { return nil }
        if pruned > 0 { p += 8 * Int(pruned) }
        return p < r.size ? r.u8(p) : nil
    }

    /// Checks a matrix header (`rows` x `dim` expected) at `offset`; returns where its floats
    /// start and end.
    static func matrix(_ r: ByteReader, at offset: Int, rows: Int, dim: Int, name: String,
                       need: (Int, String) throws -> Void,
                       corrupt: (Int, String) -> ModelFileError) throws -> (start: Int, end: Int) {
        try need(offset + 16, "\(name) matrix header")
        let m = r.i64(offset), n = r.i64(offset + 8)
        guard m == Int64(rows) && n == Int64(dim) else {
            throw corrupt(offset, "\(name) matrix is \(m) x \(n), expected \(rows) x \(dim)")
        }
        let (bytes, overflow) = rows.multipliedReportingOverflow(by: dim * 4)
        guard !overflow && bytes <= Int.max - offset - 16 else { throw corrupt(offset, "\(name) matrix size overflows") }
        try need(offset + 16 + bytes, "\(name) matrix")
        return (offset + 16, offset + 16 + bytes)
    }
}

extension FastTextTrainer {
    /// Writes the trained model as a fastText `.bin` (`FastTextBinFile`); `tokens` is the corpus
    /// size in tokens (fastText's ntokens).
    public func saveFastTextBin(to path: String, minCount: Int, tokens: Int64) throws {
        try FastTextBinFile.write(to: path, hyperparameters: hyperparameters(minCount: minCount), vocabulary: trainer.vocabulary,
                                  tokens: tokens, usedBuckets: rows.usedBuckets, table: table)
    }
}
