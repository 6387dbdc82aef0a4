import Corpus

/// Vectors read back from a word2vec text or binary file (tests, round trips, small tools).
public struct Word2VecFile: Equatable {
    public var words: [String]
    public var dim: Int
    /// Row-major, `words.count * dim` floats.
    public var vectors: [Float]

    public func vector(_ i: Int) -> ArraySlice<Float> { vectors[(i * dim)..<((i + 1) * dim)] }
}

public enum Word2VecReaderError: Error, CustomStringConvertible, Equatable {
    case malformed(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case let .malformed(path, line, reason): return "\(path):\(line): \(reason)"
        }
    }
}

/// Reads word2vec text or binary files (plain or gzip).
public enum Word2VecReader {
    public static func read(path: String, binary: Bool) throws -> Word2VecFile {
        var data: [UInt8] = []
        try CorpusReader(path: path).forEachChunk { data.append(contentsOf: $0) }
        var pos = 0
        func fail(_ line: Int, _ reason: String) -> Word2VecReaderError { .malformed(path: path, line: line, reason: reason) }
        func readLine() -> ArraySlice<UInt8>? {
            guard pos < data.count else { return nil }
            let start = pos
            while pos < data.count && data[pos] != 0x0a { pos += 1 }
            let line = data[start..<pos]
            pos += 1
            return line
        }
        guard let header = readLine() else { throw fail(1, "empty file") }
        let fields = header.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0d })
        guard fields.count == 2, let count = Int(String(decoding: fields[0], as: UTF8.self)),
              let dim = Int(String(decoding: fields[1], as: UTF8.self)), count >= 0, dim > 0 else {
            throw fail(1, "expected a 'count dim' header")
        }
        var words: [String] = []
        var vectors: [Float] = []
        // The header's sizes, no more than the file can hold (each value takes at least 2 bytes).
        words.reserveCapacity(min(count, data.count / 2))
        let (cells, overflow) = count.multipliedReportingOverflow(by: dim)
        vectors.reserveCapacity(overflow ? data.count / 2 : min(cells, data.count / 2))
        for i in 0..<count {
            if binary {
                let start = pos
                while pos < data.count && data[pos] != 0x20 { pos += 1 }
                guard pos + 1 + 4 * dim <= data.count else { throw fail(i + 2, "truncated binary record") }
                words.append(String(decoding: data[start..<pos], as: UTF8.self))
                pos += 1
                for j in 0..<dim {
                    var bits: UInt32 = 0
                    for b in 0..<4 { bits |= UInt32(data[pos + 4 * j + b]) << (8 * b) }
                    vectors.append(Float(bitPattern: UInt32(littleEndian: bits)))
                }
                pos += 4 * dim
                if pos < data.count && data[pos] == 0x0a { pos += 1 }
            } else {
                guard let line = readLine() else { throw fail(i + 2, "missing line: header announced \(count) words") }
                let f = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0d })
                guard f.count == dim + 1 else { throw fail(i + 2, "expected a word and \(dim) numbers, got \(f.count) fields") }
                words.append(String(decoding: f[0], as: UTF8.self))
                for j in 1...dim {
                    guard let v = Float(String(decoding: f[j], as: UTF8.self)) else { throw fail(i + 2, "not a number") }
                    vectors.append(v)
                }
            }
        }
        return Word2VecFile(words: words, dim: dim, vectors: vectors)
    }
}
