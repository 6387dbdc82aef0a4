import EmbedBase
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads word2vec text / binary, fastText .vec and GloVe files into an `EmbeddingMatrix` (or, with
/// `readValues`, the raw values): the suite's one reader of vector files.
/// Text files are parsed on several threads straight from the bytes. Every malformed input is a
/// one-line `EvaluationError` naming the line (text) or byte offset (binary).
public enum VectorReader {
    /// Reads `path`. `format` nil means detect it. `log` receives one progress line with the size
    /// about to be allocated.
    public static func read(path: String, format: VectorFormat? = nil, threads: Int = 2,
                            log: (String) -> Void = { _ in }) throws -> EmbeddingMatrix {
        let v = try parse(path: path, format: format, threads: threads, log: log)
        return EmbeddingMatrix(words: v.words, index: v.index, vectors: v.vectors, dim: v.dim, format: v.format)
    }

    /// Reads `path` like `read`, but keeps the values exactly as the file holds them (no
    /// normalisation): for round trips of written vectors, tests and small tools.
    public static func readValues(path: String, format: VectorFormat? = nil, threads: Int = 1) throws -> VectorValues {
        let v = try parse(path: path, format: format, threads: threads, log: { _ in })
        defer { v.vectors.deallocate() }
        return VectorValues(words: (0..<v.words.count).map { v.words.word($0) }, dim: v.dim,
                            values: Array(UnsafeBufferPointer(start: v.vectors, count: v.words.count * v.dim)))
    }

    /// A file's words (file order), their index and raw values; the caller owns `vectors`.
    struct Parsed {
        let words: WordList
        let index: WordIndex
        let vectors: UnsafeMutablePointer<Float>
        let dim: Int
        let format: VectorFormat
    }

    static func parse(path: String, format: VectorFormat?, threads: Int, log: (String) -> Void) throws -> Parsed {
        let file = try ByteFile(path: path)
        let bytes = file.bytes
        if bytes.isEmpty { throw EvaluationError.badFile(path: path, reason: "empty file, no vectors") }
        let chosen = format ?? VectorFormat.detect(bytes)
        switch chosen {
        case .binary:
            return try readBinary(file, log: log)
        case .text, .glove:
            return try readText(file, format: chosen, threads: threads, log: log)
        }
    }

    static func header(_ file: ByteFile) throws -> VectorHeader {
        guard let header = VectorHeader.parse(file.bytes) else {
            throw EvaluationError.badLine(path: file.path, line: 1,
                reason: "expected a 'count dimension' header (two integers); use --format glove for files without one")
        }
        if header.count == 0 { throw EvaluationError.badLine(path: file.path, line: 1, reason: "the header announces 0 vectors") }
        if header.dim == 0 { throw EvaluationError.badLine(path: file.path, line: 1, reason: "the header announces dimension 0") }
        if header.dim > 100_000 { throw EvaluationError.badLine(path: file.path, line: 1, reason: "dimension \(header.dim) is not plausible") }
        return header
    }

    /// "V x D vectors (N MB)", the memory the matrix is about to take.
    static func sizeNote(_ rows: Int, _ dim: Int) -> String {
        let tenths = Int((Double(rows) * Double(dim) * 4 / 1_048_576 * 10).rounded())
        return "\(rows) x \(dim) vectors (\(tenths / 10).\(tenths % 10) MB)"
    }

    // MARK: - text and GloVe

    static func readText(_ file: ByteFile, format: VectorFormat, threads: Int, log: (String) -> Void) throws -> Parsed {
        let path = file.path
        let base = UnsafePointer(file.base)
        var bodyStart = 0
        var firstLine = 1
        var announced: Int? = nil
        var dim: Int
        if format == .text {
            let h = try header(file)
            bodyStart = h.bodyStart
            firstLine = 2
            announced = h.count
            dim = h.dim
        } else {
            dim = 0
        }
        // Drop trailing blank lines / whitespace at the end of the file.
        var bodyEnd = file.count
        while bodyEnd > bodyStart, [10, 13, 32, 9].contains(base[bodyEnd - 1]) { bodyEnd -= 1 }
        if bodyEnd <= bodyStart {
            throw EvaluationError.badFile(path: path, reason: "no vectors after the header")
        }
        if format == .glove {
            // The dimension is the number of values on the first line.
            var p = base + bodyStart
            let lineEnd = UnsafePointer(memchrOrEnd(p, base + bodyEnd))
            var tokens = 0
            while p < lineEnd {
                while p < lineEnd && (p.pointee == 32 || p.pointee == 9 || p.pointee == 13) { p += 1 }
                if p < lineEnd { tokens += 1 }
                while p < lineEnd && !(p.pointee == 32 || p.pointee == 9 || p.pointee == 13) { p += 1 }
            }
            if tokens < 2 {
                throw EvaluationError.badLine(path: path, line: 1, reason: "expected a word followed by its vector values")
            }
            dim = tokens - 1
        }
        // Split the body into chunks at line starts and count each chunk's lines.
        let t = max(1, min(threads, (bodyEnd - bodyStart) / (1 << 20) + 1))
        var starts = [bodyStart]
        for k in 1..<t {
            var s = bodyStart + (bodyEnd - bodyStart) * k / t
            s = max(s, starts.last!)
            let nl = memchrOrEnd(base + s, base + bodyEnd)
            s = min(bodyEnd, nl - base + 1)
            starts.append(s)
        }
        starts.append(bodyEnd)
        var lineCounts = [Int](repeating: 0, count: t)
        for k in 0..<t where starts[k] < starts[k + 1] {
            var n = 0
            var p = base + starts[k]
            let e = base + starts[k + 1]
            while p < e { p = memchrOrEnd(p, e) + 1; n += 1 }
            lineCounts[k] = n
        }
        let rows = lineCounts.reduce(0, +)
        if let announced, announced != rows {
            if rows > announced {
                throw EvaluationError.badLine(path: path, line: firstLine + announced,
                    reason: "the header announces \(announced) vectors but the file has \(rows) lines of vectors")
            }
            throw EvaluationError.badFile(path: path,
                reason: "the header announces \(announced) vectors but the file has only \(rows) (truncated?)")
        }
        log("reading \(sizeNote(rows, dim)) from \(path) (\(format.displayName))")
        let vectors = UnsafeMutablePointer<Float>.allocate(capacity: max(1, rows * dim))
        let wordStart = UnsafeMutablePointer<Int>.allocate(capacity: rows)
        let wordLength = UnsafeMutablePointer<Int>.allocate(capacity: rows)
        defer { wordStart.deallocate(); wordLength.deallocate() }
        var firstRow = [Int](repeating: 0, count: t)
        for k in 1..<max(t, 1) { firstRow[k] = firstRow[k - 1] + lineCounts[k - 1] }
        let failures = UnsafeMutablePointer<(line: Int, reason: String)?>.allocate(capacity: t)
        failures.initialize(repeating: nil, count: t)
        defer { failures.deinitialize(count: t); failures.deallocate() }
        let d = dim
        let parse = { (k: Int) in
            var p = base + starts[k]
            let e = base + starts[k + 1]
            var row = firstRow[k]
            while p < e {
                let line = firstLine + row
                let lineEnd = memchrOrEnd(p, e)
                // word
                let w = p
                while p < lineEnd && p.pointee != 32 && p.pointee != 9 { p += 1 }
                if p == w {
                    failures[k] = (line, lineEnd == w || w.pointee == 13 ? "empty line" : "line starts with whitespace, no word"); return
                }
                wordStart[row] = w - base
                wordLength[row] = p - w
                let out = vectors + row * d
                for j in 0..<d {
                    while p < lineEnd && (p.pointee == 32 || p.pointee == 9) { p += 1 }
                    if p == lineEnd || p.pointee == 13 {
                        failures[k] = (line, "expected \(d) values after the word, found \(j)"); return
                    }
                    guard let (value, next) = DecimalParser.parseFloat(p, end: lineEnd) else {
                        var q = p
                        while q < lineEnd && q.pointee != 32 && q.pointee != 9 && q.pointee != 13 { q += 1 }
                        let token = String(decoding: UnsafeBufferPointer(start: p, count: min(q - p, 40)), as: UTF8.self)
                        failures[k] = (line, "value \(j + 1) '\(token)' is not a finite number"); return
                    }
                    out[j] = value
                    p = next
                }
                while p < lineEnd && (p.pointee == 32 || p.pointee == 9 || p.pointee == 13) { p += 1 }
                if p < lineEnd {
                    var extra = 0
                    while p < lineEnd {
                        while p < lineEnd && (p.pointee == 32 || p.pointee == 9 || p.pointee == 13) { p += 1 }
                        if p < lineEnd { extra += 1 }
                        while p < lineEnd && !(p.pointee == 32 || p.pointee == 9 || p.pointee == 13) { p += 1 }
                    }
                    failures[k] = (line, "expected \(d) values after the word, found \(d + extra)"); return
                }
                p = lineEnd + 1
                row += 1
            }
        }
        if t == 1 { parse(0) } else { DispatchQueue.concurrentPerform(iterations: t, execute: parse) }
        if let failure = (0..<t).compactMap({ failures[$0] }).min(by: { $0.line < $1.line }) {
            vectors.deallocate()
            throw EvaluationError.badLine(path: path, line: failure.line, reason: failure.reason)
        }
        var words = WordList()
        words.reserve(words: rows, bytes: (0..<rows).reduce(0) { $0 + wordLength[$1] })
        for r in 0..<rows {
            words.append(UnsafeBufferPointer(start: base + wordStart[r], count: wordLength[r]))
        }
        let index: WordIndex
        do { index = try exactIndex(words) } catch let duplicate as DuplicateWord {
            vectors.deallocate()
            throw EvaluationError.badLine(path: path, line: firstLine + duplicate.row,
                reason: "duplicate word '\(words.word(duplicate.row))' (first on line \(firstLine + duplicate.firstRow))")
        }
        return Parsed(words: words, index: index, vectors: vectors, dim: d, format: format)
    }

    // MARK: - binary

    static func readBinary(_ file: ByteFile, log: (String) -> Void) throws -> Parsed {
        let path = file.path
        let h = try header(file)
        let base = UnsafePointer(file.base)
        let n = file.count
        let rowBytes = h.dim * 4
        // Each vector needs at least a 1-byte word, a space and its floats.
        if h.count > (n - h.bodyStart) / (rowBytes + 2) + 1 {
            throw EvaluationError.badFile(path: path,
                reason: "truncated binary file: the header announces \(h.count) vectors of dimension \(h.dim) but only \(n - h.bodyStart) bytes follow")
        }
        log("reading \(sizeNote(h.count, h.dim)) from \(path) (word2vec binary)")
        let vectors = UnsafeMutablePointer<Float>.allocate(capacity: h.count * h.dim)
        var words = WordList()
        words.reserve(words: h.count, bytes: h.count * 8)
        var wordOffsets = [Int]()
        wordOffsets.reserveCapacity(h.count)
        var p = h.bodyStart
        do {
            for r in 0..<h.count {
                while p < n && (base[p] == 10 || base[p] == 13) { p += 1 }
                let w = p
                while p < n && base[p] != 32 { p += 1 }
                if p >= n {
                    throw EvaluationError.badByte(path: path, byteOffset: w,
                        reason: "truncated binary file: vector \(r + 1) of \(h.count) has no word followed by a space")
                }
                if p == w { throw EvaluationError.badByte(path: path, byteOffset: w, reason: "empty word for vector \(r + 1)") }
                words.append(UnsafeBufferPointer(start: base + w, count: p - w))
                wordOffsets.append(w)
                p += 1
                if n - p < rowBytes {
                    throw EvaluationError.badByte(path: path, byteOffset: p,
                        reason: "truncated binary file: vector \(r + 1) of \(h.count) ('\(words.word(r))') needs \(rowBytes) bytes, \(n - p) remain")
                }
                let out = vectors + r * h.dim
                UnsafeMutableRawPointer(out).copyMemory(from: base + p, byteCount: rowBytes)
                for j in 0..<h.dim where !out[j].isFinite {
                    throw EvaluationError.badByte(path: path, byteOffset: p + 4 * j,
                        reason: "vector \(r + 1) ('\(words.word(r))') has a non-finite value")
                }
                p += rowBytes
            }
            while p < n && [10, 13, 32, 9, 0].contains(base[p]) { p += 1 }
            if p < n {
                throw EvaluationError.badByte(path: path, byteOffset: p,
                    reason: "unexpected data after the \(h.count) vectors the header announces")
            }
        } catch {
            vectors.deallocate()
            throw error
        }
        let index: WordIndex
        do { index = try exactIndex(words) } catch let duplicate as DuplicateWord {
            vectors.deallocate()
            throw EvaluationError.badByte(path: path, byteOffset: wordOffsets[duplicate.row],
                reason: "duplicate word '\(words.word(duplicate.row))' (vector \(duplicate.row + 1); first as vector \(duplicate.firstRow + 1))")
        }
        return Parsed(words: words, index: index, vectors: vectors, dim: h.dim, format: .binary)
    }

    // MARK: - helpers

    struct DuplicateWord: Error { let row: Int; let firstRow: Int }

    static func exactIndex(_ words: WordList) throws -> WordIndex {
        var index = WordIndex(capacity: words.count)
        for r in 0..<words.count {
            let stored = words.withBytes(r) { index.insertIfAbsent($0, row: r) }
            if stored != r { throw DuplicateWord(row: r, firstRow: stored) }
        }
        return index
    }

    /// The first newline in [p, end), or `end`.
    @inline(__always)
    static func memchrOrEnd(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        guard p < end else { return end }
        if let found = memchr(p, 10, end - p) { return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) }
        return end
    }
}
