import Corpus
import EmbedBase

/// Writes vectors in word2vec's formats, atomically (temporary file + rename: an interrupted or
/// failed write leaves no file behind).
/// - text: a `V D` header line, then `word v1 ... vD` per line, floats with 6 decimals;
/// - binary: the same header, then per word `word` + space + D little-endian float32 + newline.
/// Both load with gensim's `KeyedVectors.load_word2vec_format(path, binary:)`.
public enum Word2VecWriter {
    /// Writes the input vectors of `table` for the words of `vocabulary` (row i = word i).
    public static func write(table: EmbeddingTable, vocabulary: Vocabulary, to path: String, binary: Bool) throws {
        precondition(table.inputRows >= vocabulary.size)
        try table.read { rows in
            try write(count: vocabulary.size, dim: table.dim, to: path, binary: binary,
                      word: { id, out in vocabulary.withBytes(id) { out.append(contentsOf: $0) } },
                      vector: { rows.inputRow($0) })
        }
    }

    /// Writes the evaluated vectors (`EvaluatedVectors`: input rows, FastText's subword means,
    /// GloVe's W + W~) of the words of `vocabulary` (row i = word i).
    public static func write(vectors: EvaluatedVectors, vocabulary: Vocabulary, to path: String, binary: Bool) throws {
        precondition(vectors.words >= vocabulary.size)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: vectors.stride)
        defer { scratch.deallocate() }
        try write(count: vocabulary.size, dim: vectors.dim, to: path, binary: binary,
                  word: { id, out in vocabulary.withBytes(id) { out.append(contentsOf: $0) } },
                  vector: { id in
                      if vectors.isInputRows { return UnsafePointer(vectors.table.inputRow(id)) }
                      _ = vectors.load(id, into: scratch)
                      return UnsafePointer(scratch)
                  })
    }

    /// Writes `count` words: `word(i, &buffer)` appends word i's bytes, `vector(i)` points at its
    /// `dim` floats.
    public static func write(count: Int, dim: Int, to path: String, binary: Bool,
                             word: (Int, inout [UInt8]) -> Void,
                             vector: (Int) -> UnsafePointer<Float>) throws {
        try AtomicFile.write(to: path) { sink in
            var line: [UInt8] = []
            line.reserveCapacity(dim * 12 + 128)
            line.append(contentsOf: "\(count) \(dim)\n".utf8)
            for i in 0..<count {
                word(i, &line)
                let v = vector(i)
                if binary {
                    line.append(0x20)
                    for j in 0..<dim {
                        let bits = v[j].bitPattern.littleEndian
                        withUnsafeBytes(of: bits) { line.append(contentsOf: $0) }
                    }
                } else {
                    for j in 0..<dim {
                        line.append(0x20)
                        FloatFormatter.appendFixed6(v[j], to: &line)
                    }
                }
                line.append(0x0a)
                try sink.write(line)
                line.removeAll(keepingCapacity: true)
            }
        }
    }
}

/// Fast `%.6f`-style formatting of floats (the text writer formats millions of them).
public enum FloatFormatter {
    @inlinable
    public static func appendFixed6(_ value: Float, to out: inout [UInt8]) {
        let x = Double(value)
        guard x.isFinite, abs(x) < 1e12 else {
            out.append(contentsOf: "\(value)".utf8)
            return
        }
        var scaled = UInt64((abs(x) * 1e6).rounded())
        if x < 0 && scaled != 0 { out.append(0x2d) }
        let integer = scaled / 1_000_000
        scaled -= integer * 1_000_000
        appendDigits(integer, minimum: 1, to: &out)
        out.append(0x2e)
        appendDigits(scaled, minimum: 6, to: &out)
    }

    @inlinable
    static func appendDigits(_ value: UInt64, minimum: Int, to out: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                v /= 10
                n += 1
            } while v > 0 || n < minimum
            while n > 0 {
                n -= 1
                out.append(d[n])
            }
        }
    }
}
