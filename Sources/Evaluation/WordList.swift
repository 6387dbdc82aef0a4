/// The words of a vector file, in file order, as byte strings packed into one buffer.
public struct WordList {
    /// All words' bytes back to back.
    public private(set) var bytes: [UInt8] = []
    /// `offsets[i] ..< offsets[i + 1]` is word i in `bytes`.
    public private(set) var offsets: [Int] = [0]

    public init() {}

    public var count: Int { offsets.count - 1 }

    public mutating func reserve(words: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(words + 1)
        bytes.reserveCapacity(byteCount)
    }

    public mutating func append(_ word: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: word)
        offsets.append(bytes.count)
    }

    public mutating func append(_ word: [UInt8]) {
        bytes.append(contentsOf: word)
        offsets.append(bytes.count)
    }

    /// Word i as bytes.
    public func bytes(_ i: Int) -> ArraySlice<UInt8> { bytes[offsets[i] ..< offsets[i + 1]] }

    /// Word i as a String (invalid UTF-8 is repaired with U+FFFD for display).
    public func word(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    /// Calls `body` with word i's bytes, without copying.
    @inline(__always)
    public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[offsets[i] ..< offsets[i + 1]]))
        }
    }
}
