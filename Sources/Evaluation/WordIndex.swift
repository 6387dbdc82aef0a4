import EmbedBase

/// Finds a row by its word's bytes: open addressing over 64-bit FNV-1a hashes, first insertion wins.
/// Lookups never depend on Swift's per-process `Hasher` seed.
public struct WordIndex {
    private var slots: [Int32]          // row + 1, 0 = empty
    private var hashes: [UInt64]
    private let mask: Int
    private var keys = WordList()       // the key of each inserted entry
    private var rows: [Int32] = []      // the row stored for each entry

    public init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        hashes = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    public var count: Int { rows.count }

    @inline(__always)
    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let h = FNV1a.hash64(UnsafeRawBufferPointer(word))
        return h ^ (h >> 29)
    }

    /// The slot holding `word` (and its entry), or the empty slot where it would go.
    @inline(__always)
    private func probe(_ word: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (slot: Int, entry: Int?) {
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 {
            let entry = Int(slots[i]) - 1
            if hashes[i] == h && keys.withBytes(entry, { $0.elementsEqual(word) }) { return (i, entry) }
            i = (i + 1) & mask
        }
        return (i, nil)
    }

    /// Inserts `word -> row` unless the word is already present; returns the row stored for it.
    @discardableResult
    public mutating func insertIfAbsent(_ word: UnsafeBufferPointer<UInt8>, row: Int) -> Int {
        let h = WordIndex.hash(word)
        let (slot, entry) = probe(word, hash: h)
        if let entry { return Int(rows[entry]) }
        slots[slot] = Int32(rows.count + 1)
        hashes[slot] = h
        keys.append(word)
        rows.append(Int32(row))
        return row
    }

    /// The row stored for `word`, if any.
    public func find(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        probe(word, hash: WordIndex.hash(word)).entry.map { Int(rows[$0]) }
    }

    public func find(_ word: [UInt8]) -> Int? { word.withUnsafeBufferPointer { find($0) } }
    public func find(_ word: String) -> Int? { find(Array(word.utf8)) }
}
