/// The vector file formats we read. fastText's `.vec` files are word2vec text files.
public enum VectorFormat: String, CaseIterable, Sendable {
    /// `count dimension` header line, then `word v1 ... vD` lines (word2vec `-binary 0`, fastText .vec).
    case text
    /// `count dimension` header line, then `word ` followed by D little-endian float32s (and usually `\n`).
    case binary
    /// No header: `word v1 ... vD` lines; the dimension is the first line's value count (GloVe).
    case glove

    public var displayName: String {
        switch self {
        case .text: return "word2vec text"
        case .binary: return "word2vec binary"
        case .glove: return "GloVe text (no header)"
        }
    }

    /// Guesses the format from the first bytes: a `count dimension` first line means word2vec; then
    /// control bytes in the body sample mean binary. Anything else is read as GloVe.
    public static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> VectorFormat {
        guard let header = VectorHeader.parse(bytes) else { return .glove }
        let sample = bytes[header.bodyStart ..< min(bytes.count, header.bodyStart + 4096)]
        for b in sample where b < 9 || (b > 13 && b < 32) || b == 127 { return .binary }
        return .text
    }
}

/// The `count dimension` first line of word2vec files.
struct VectorHeader {
    var count: Int
    var dim: Int
    /// Offset of the first byte after the header line.
    var bodyStart: Int

    /// Parses the first line as exactly two non-negative integers, or returns nil.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> VectorHeader? {
        var i = 0
        let n = bytes.count
        var numbers: [Int] = []
        while i < n && bytes[i] != 10 {
            let c = bytes[i]
            if c == 32 || c == 9 || c == 13 { i += 1; continue }
            guard c &- 48 < 10 else { return nil }
            var value = 0
            while i < n && bytes[i] &- 48 < 10 {
                value = value > 1 << 40 ? value : value * 10 + Int(bytes[i] &- 48)
                i += 1
            }
            if i < n && !(bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 13 || bytes[i] == 10) { return nil }
            numbers.append(value)
            if numbers.count > 2 { return nil }
        }
        guard numbers.count == 2 else { return nil }
        return VectorHeader(count: numbers[0], dim: numbers[1], bodyStart: min(i + 1, n))
    }
}
