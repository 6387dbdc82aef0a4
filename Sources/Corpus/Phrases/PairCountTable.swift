#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts of word pairs (bigrams) keyed by two 32-bit word ids: open addressing with linear
/// probing over a power-of-two array of 16-byte slots (key, count), a multiplicative hash of the
/// key (stable across processes), nothing allocated per pair. Grows at 70 % load.
public final class PairCountTable {
    var keys: UnsafeMutablePointer<UInt64>
    var counts: UnsafeMutablePointer<Int64>
    var mask: Int
    public private(set) var count = 0

    /// The empty key: a pair of two `UInt32.max` ids, which no word ever has.
    static let empty: UInt64 = .max

    public init(expectedCount: Int = 1 << 16) {
        var capacity = 1024
        while capacity * 7 < expectedCount * 10 { capacity <<= 1 }
        keys = PairCountTable.allocateKeys(capacity)
        counts = .allocate(capacity: capacity)
        mask = capacity - 1
    }

    deinit {
        keys.deallocate()
        counts.deallocate()
    }

    static func allocateKeys(_ capacity: Int) -> UnsafeMutablePointer<UInt64> {
        let p = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        p.initialize(repeating: PairCountTable.empty, count: capacity)
        return p
    }

    @inline(__always)
    public static func key(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        var h = key &* 0x9e37_79b9_7f4a_7c15
        h ^= h >> 29
        return Int(truncatingIfNeeded: h) & mask
    }

    /// Bytes held by the slot arrays.
    public var memoryBytes: Int { (mask + 1) * 16 }

    /// Adds `n` to the count of `key`.
    @inline(__always)
    public func add(_ key: UInt64, _ n: Int64 = 1) {
        var i = PairCountTable.slot(key, mask)
        while true {
            let k = keys[i]
            if k == key { counts[i] &+= n; return }
            if k == PairCountTable.empty {
                keys[i] = key
                counts[i] = n
                count &+= 1
                if count &* 10 > (mask &+ 1) &* 7 { rehash(capacity: (mask + 1) * 2) }
                return
            }
            i = (i &+ 1) & mask
        }
    }

    /// The count of `key` (0 when absent).
    @inline(__always)
    public func count(of key: UInt64) -> Int64 {
        var i = PairCountTable.slot(key, mask)
        while true {
            let k = keys[i]
            if k == key { return counts[i] }
            if k == PairCountTable.empty { return 0 }
            i = (i &+ 1) & mask
        }
    }

    /// Calls `body(key, count)` for every pair, in slot order.
    public func forEach(_ body: (UInt64, Int64) throws -> Void) rethrows {
        for i in 0...mask where keys[i] != PairCountTable.empty { try body(keys[i], counts[i]) }
    }

    /// Rebuilds the table keeping only the pairs for which `transform` returns a key (possibly a
    /// new one, e.g. after renumbering the words; two pairs mapped to one key add up).
    public func rebuild(_ transform: (UInt64, Int64) -> UInt64?) {
        let oldKeys = keys, oldCounts = counts, oldCapacity = mask + 1
        var kept = 0
        for i in 0..<oldCapacity where oldKeys[i] != PairCountTable.empty && transform(oldKeys[i], oldCounts[i]) != nil {
            kept += 1
        }
        var capacity = 1024
        while capacity * 7 < kept * 10 + 10 { capacity <<= 1 }
        keys = PairCountTable.allocateKeys(capacity)
        counts = .allocate(capacity: capacity)
        mask = capacity - 1
        count = 0
        for i in 0..<oldCapacity where oldKeys[i] != PairCountTable.empty {
            if let k = transform(oldKeys[i], oldCounts[i]) { add(k, oldCounts[i]) }
        }
        oldKeys.deallocate()
        oldCounts.deallocate()
    }

    @usableFromInline
    func rehash(capacity: Int) {
        let oldKeys = keys, oldCounts = counts, oldCapacity = mask + 1
        keys = PairCountTable.allocateKeys(capacity)
        counts = .allocate(capacity: capacity)
        mask = capacity - 1
        for i in 0..<oldCapacity where oldKeys[i] != PairCountTable.empty {
            var j = PairCountTable.slot(oldKeys[i], mask)
            while keys[j] != PairCountTable.empty { j = (j + 1) & mask }
            keys[j] = oldKeys[i]
            counts[j] = oldCounts[i]
        }
        oldKeys.deallocate()
        oldCounts.deallocate()
    }
}
