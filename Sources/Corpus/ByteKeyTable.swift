import EmbedBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open-addressing hash table from byte strings to dense indices `0..<count`, built for
/// vocabulary work: keys live back to back in one byte arena, hashes are FNV-1a (stable across
/// processes), probing is linear over a power-of-two slot array whose 64-bit slots hold the index
/// and 32 bits of the hash (most mismatches are rejected without touching the key), and nothing
/// is allocated per key.
public final class ByteKeyTable {
    /// Empty slot: all ones. Otherwise high 32 bits = hash tag, low 32 bits = index.
    @usableFromInline var slots: UnsafeMutablePointer<UInt64>
    @usableFromInline var mask: Int
    @usableFromInline var hashes: GrowableBuffer<UInt64>
    @usableFromInline var keyStart: GrowableBuffer<Int>
    @usableFromInline var arena: GrowableBuffer<UInt8>

    @usableFromInline static let empty: UInt64 = .max

    /// FNV-1a's low bits mix poorly (a multiply only carries upward), which clusters linear
    /// probes; a final avalanche step spreads every input bit over the slot index.
    @inlinable @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h = FNV1a.hash64(key)
        h ^= h >> 32
        h &*= 0xd6e8_feb8_6659_fd93
        h ^= h >> 32
        return h
    }

    public var count: Int { hashes.count }

    /// Bytes held by the table (slots, hashes, key offsets and key bytes).
    public var memoryBytes: Int {
        (mask + 1) * 8 + hashes.memoryBytes + keyStart.memoryBytes + arena.memoryBytes
    }

    public init(expectedCount: Int = 1024) {
        let capacity = ByteKeyTable.slotCapacity(for: expectedCount)
        slots = ByteKeyTable.allocateSlots(capacity)
        mask = capacity - 1
        hashes = GrowableBuffer(capacity: expectedCount)
        keyStart = GrowableBuffer(capacity: expectedCount + 1)
        keyStart.append(0)
        arena = GrowableBuffer(capacity: expectedCount * 8)
    }

    static func releaseSlots(_ slots: UnsafeMutablePointer<UInt64>, capacity: Int) {
        HugePages.release(slots, bytes: capacity * 8)
    }

    static func allocateSlots(_ capacity: Int) -> UnsafeMutablePointer<UInt64> {
        let p = HugePages.allocateZeroed(bytes: capacity * 8).bindMemory(to: UInt64.self, capacity: capacity)
        p.update(repeating: ByteKeyTable.empty, count: capacity)
        return p
    }

    deinit {
        ByteKeyTable.releaseSlots(slots, capacity: mask + 1)
        hashes.deallocate()
        keyStart.deallocate()
        arena.deallocate()
    }

    static func slotCapacity(for count: Int) -> Int {
        var capacity = 1024
        while capacity * 7 < count * 10 + 10 { capacity <<= 1 }
        return capacity * 2
    }

    /// The bytes of key `index`.
    @inlinable
    public func withKey<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        precondition(index >= 0 && index < count, "key index out of range")
        let start = keyStart[index], end = keyStart[index + 1]
        return try body(UnsafeRawBufferPointer(start: arena.base + start, count: end - start))
    }

    public func key(_ index: Int) -> [UInt8] {
        withKey(index) { Array($0) }
    }

    @inlinable @inline(__always)
    func keyEquals(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = keyStart[index], length = keyStart[index + 1] &- start
        guard length == key.count else { return false }
        let a = UnsafeRawPointer(arena.base + start), b = key.baseAddress!
        var i = 0
        while i &+ 8 <= length {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i &+= 8
        }
        while i < length {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i &+= 1
        }
        return true
    }

    /// Slot position of `key` (occupied by it, or the empty slot where it would go).
    @inlinable @inline(__always)
    func probe(_ key: UnsafeRawBufferPointer, _ h: UInt64) -> Int {
        let tag = h & 0xffff_ffff_0000_0000
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == ByteKeyTable.empty { return i }
            if s & 0xffff_ffff_0000_0000 == tag && keyEquals(Int(truncatingIfNeeded: s & 0xffff_ffff), key) {
                return i
            }
            i = (i &+ 1) & mask
        }
    }

    /// The index of `key`, or nil.
    @inlinable
    public func find(_ key: UnsafeRawBufferPointer) -> Int? {
        let s = slots[probe(key, ByteKeyTable.hash(key))]
        return s == ByteKeyTable.empty ? nil : Int(truncatingIfNeeded: s & 0xffff_ffff)
    }

    public func find(_ word: String) -> Int? {
        var w = word
        return w.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    /// The index of `key`, inserting it (with the next index) when absent. `inserted` tells which.
    @inlinable
    public func findOrInsert(_ key: UnsafeRawBufferPointer, inserted: inout Bool) -> Int {
        let h = ByteKeyTable.hash(key)
        let i = probe(key, h)
        let s = slots[i]
        if s != ByteKeyTable.empty {
            inserted = false
            return Int(truncatingIfNeeded: s & 0xffff_ffff)
        }
        let index = hashes.count
        precondition(index < Int(UInt32.max), "too many distinct keys")
        slots[i] = (h & 0xffff_ffff_0000_0000) | UInt64(index)
        hashes.append(h)
        arena.append(contentsOf: key)
        keyStart.append(arena.count)
        inserted = true
        if hashes.count * 10 > (mask + 1) * 7 { rebuildSlots(capacity: (mask + 1) * 2) }
        return index
    }

    @usableFromInline
    func rebuildSlots(capacity: Int) {
        ByteKeyTable.releaseSlots(slots, capacity: mask + 1)
        slots = ByteKeyTable.allocateSlots(capacity)
        mask = capacity - 1
        for e in 0..<hashes.count {
            let h = hashes[e]
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != ByteKeyTable.empty { i = (i + 1) & mask }
            slots[i] = (h & 0xffff_ffff_0000_0000) | UInt64(e)
        }
    }

    /// Keeps only the keys for which `keep(index)` is true, renumbering them densely in their old
    /// order. Returns the old index of each kept key.
    @discardableResult
    public func retain(where keep: (Int) -> Bool) -> [Int] {
        var kept: [Int] = []
        var newHashes = GrowableBuffer<UInt64>(capacity: hashes.count / 2)
        var newStart = GrowableBuffer<Int>(capacity: hashes.count / 2 + 1)
        var newArena = GrowableBuffer<UInt8>(capacity: arena.count / 2)
        newStart.append(0)
        for e in 0..<hashes.count where keep(e) {
            kept.append(e)
            newHashes.append(hashes[e])
            newArena.append(contentsOf: UnsafeRawBufferPointer(start: arena.base + keyStart[e],
                                                              count: keyStart[e + 1] - keyStart[e]))
            newStart.append(newArena.count)
        }
        hashes.deallocate(); keyStart.deallocate(); arena.deallocate()
        hashes = newHashes; keyStart = newStart; arena = newArena
        rebuildSlots(capacity: ByteKeyTable.slotCapacity(for: hashes.count))
        return kept
    }
}
