#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open-addressing hash table from byte strings to dense indices `0..<count`, built for
/// vocabulary work: keys live back to back in one byte arena, hashes are FNV-1a (stable across
/// processes), probing is linear over a power-of-two slot array, and nothing is allocated per key.
public final class ByteKeyTable {
    @usableFromInline var slots: UnsafeMutablePointer<Int32>
    @usableFromInline var mask: Int
    @usableFromInline var hashes: [UInt64] = []
    @usableFromInline var keyStart: [Int] = [0]
    @usableFromInline var arena: [UInt8] = []

    public var count: Int { hashes.count }
    /// Bytes held by the table (slots, hashes, key offsets and key bytes).
    public var memoryBytes: Int {
        (mask + 1) * 4 + hashes.capacity * 8 + keyStart.capacity * 8 + arena.capacity
    }

    public init(expectedCount: Int = 1024) {
        var capacity = 1024
        while capacity < expectedCount * 2 { capacity <<= 1 }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: -1, count: capacity)
        mask = capacity - 1
        hashes.reserveCapacity(expectedCount)
        keyStart.reserveCapacity(expectedCount + 1)
    }

    deinit { slots.deallocate() }

    /// The bytes of key `index`.
    @inlinable
    public func withKey<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = keyStart[index], end = keyStart[index + 1]
        return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    public func key(_ index: Int) -> [UInt8] {
        withKey(index) { Array($0) }
    }

    @inlinable @inline(__always)
    func keyEquals(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = keyStart[index], length = keyStart[index + 1] - start
        guard length == key.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBytes { memcmp($0.baseAddress! + start, key.baseAddress!, length) == 0 }
    }

    /// The index of `key`, or nil.
    @inlinable
    public func find(_ key: UnsafeRawBufferPointer) -> Int? {
        let h = FNV1a.hash64(key)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[i])
            if e < 0 { return nil }
            if hashes[e] == h && keyEquals(e, key) { return e }
            i = (i + 1) & mask
        }
    }

    public func find(_ word: String) -> Int? {
        var w = word
        return w.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    /// The index of `key`, inserting it (with the next index) when absent. `inserted` tells which.
    @inlinable
    public func findOrInsert(_ key: UnsafeRawBufferPointer, inserted: inout Bool) -> Int {
        let h = FNV1a.hash64(key)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[i])
            if e < 0 { break }
            if hashes[e] == h && keyEquals(e, key) { inserted = false; return e }
            i = (i + 1) & mask
        }
        let index = hashes.count
        slots[i] = Int32(index)
        hashes.append(h)
        arena.append(contentsOf: key)
        keyStart.append(arena.count)
        inserted = true
        if hashes.count * 10 > (mask + 1) * 7 { grow() }
        return index
    }

    @usableFromInline
    func grow() {
        rebuildSlots(capacity: (mask + 1) * 2)
    }

    func rebuildSlots(capacity: Int) {
        slots.deallocate()
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: -1, count: capacity)
        mask = capacity - 1
        for (e, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(e)
        }
    }

    /// Keeps only the keys for which `keep(index)` is true, renumbering them densely in their old
    /// order. Returns the old index of each kept key.
    @discardableResult
    public func retain(where keep: (Int) -> Bool) -> [Int] {
        var kept: [Int] = []
        var newHashes: [UInt64] = []
        var newStart: [Int] = [0]
        var newArena: [UInt8] = []
        newArena.reserveCapacity(arena.count / 2)
        for e in 0..<hashes.count where keep(e) {
            kept.append(e)
            newHashes.append(hashes[e])
            newArena.append(contentsOf: arena[keyStart[e]..<keyStart[e + 1]])
            newStart.append(newArena.count)
        }
        hashes = newHashes
        keyStart = newStart
        arena = newArena
        var capacity = 1024
        while capacity < hashes.count * 2 { capacity <<= 1 }
        rebuildSlots(capacity: capacity)
        return kept
    }
}
