#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The counts of the pairs outside the dense table: open addressing with linear probing, keyed by
/// `CooccurrenceCount.key` + 1 (so a zero slot is empty and the table comes from `calloc`: pages
/// never probed are never allocated). It is drained (compacted, sorted by key, spilled as a run) when half
/// full, so probes stay short and the free half serves as the radix sort's scratch space.
struct HashedCooccurrenceTable {
    static let empty: UInt64 = 0
    private(set) var slots: UnsafeMutablePointer<CooccurrenceCount>
    private(set) var capacity: Int
    /// The budget: the table grows (doubling) up to this many slots, then spills when half full.
    let maxCapacity: Int
    private(set) var limit: Int
    var count = 0

    init(maxCapacity: Int, initialCapacity: Int = 1 << 16) {
        precondition(maxCapacity >= 4)
        self.maxCapacity = maxCapacity
        capacity = min(maxCapacity, max(4, initialCapacity))
        limit = capacity / 2 - 1   // add() is called twice per check: count stays <= capacity / 2
        slots = HashedCooccurrenceTable.allocate(capacity)
    }

    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<CooccurrenceCount> {
        guard let raw = calloc(capacity, MemoryLayout<CooccurrenceCount>.stride) else {
            fatalError("out of memory: cannot allocate the \(capacity * 16)-byte co-occurrence hash table")
        }
        return raw.assumingMemoryBound(to: CooccurrenceCount.self)
    }

    /// True when the table must be drained (it is half full at its largest size).
    var isFull: Bool { count >= limit && capacity == maxCapacity }

    /// Doubles the table (up to `maxCapacity`) when half full; cheap next to the spills it saves.
    mutating func growIfNeeded() {
        guard count >= limit && capacity < maxCapacity else { return }
        let old = slots, oldCapacity = capacity
        capacity = min(maxCapacity, capacity * 2)
        limit = capacity / 2 - 1
        slots = HashedCooccurrenceTable.allocate(capacity)
        count = 0
        for s in 0..<oldCapacity where old[s].key != HashedCooccurrenceTable.empty {
            insert(old[s].key, old[s].count)
        }
        free(old)
    }

    func release() { free(slots) }

    mutating func reset() {
        memset(slots, 0, capacity * MemoryLayout<CooccurrenceCount>.stride)
        count = 0
    }


    @inline(__always)
    mutating func add(_ pair: UInt64, _ weight: UInt64) {
        insert(pair &+ 1, weight)
    }

    @inline(__always)
    private mutating func insert(_ key: UInt64, _ weight: UInt64) {
        let h = key &* 0x9e37_79b9_7f4a_7c15
        var s = Int(truncatingIfNeeded: (h ^ (h >> 29)).multipliedFullWidth(by: UInt64(capacity)).high)
        while true {
            let k = slots[s].key
            if k == key { slots[s].count &+= weight; return }
            if k == HashedCooccurrenceTable.empty {
                slots[s] = CooccurrenceCount(key: key, count: weight)
                count &+= 1
                return
            }
            s &+= 1
            if s == capacity { s = 0 }
        }
    }

    /// Moves the entries to the front, sorts them by key and returns them. The table must be
    /// `reset()` before the next `add`. `keyBits` is the number of bits of a word id.
    mutating func drainSorted(keyBits: Int) -> UnsafeMutableBufferPointer<CooccurrenceCount> {
        var n = 0
        for s in 0..<capacity where slots[s].key != HashedCooccurrenceTable.empty {
            slots[n] = CooccurrenceCount(key: slots[s].key &- 1, count: slots[s].count)
            n += 1
        }
        // count <= capacity / 2, so [n, 2n) is free scratch space.
        let sorted = RadixSort.sortByKey(slots, count: n, scratch: slots + n, idBits: keyBits)
        return UnsafeMutableBufferPointer(start: sorted, count: n)
    }
}

/// LSD radix sort of `CooccurrenceCount`s by (word, context), 11 bits per pass over the packed
/// key (word << idBits | context).
enum RadixSort {
    static let digitBits = 11

    /// Sorts `count` values; returns the buffer holding the result (`values` or `scratch`).
    static func sortByKey(_ values: UnsafeMutablePointer<CooccurrenceCount>, count n: Int,
                          scratch: UnsafeMutablePointer<CooccurrenceCount>,
                          idBits: Int) -> UnsafeMutablePointer<CooccurrenceCount> {
        let totalBits = 2 * idBits
        let passes = (totalBits + digitBits - 1) / digitBits
        let radix = 1 << digitBits
        let mask = UInt64(radix - 1)
        let lowMask = UInt64(1) << UInt64(idBits) - 1
        var src = values, dst = scratch
        let histogram = UnsafeMutablePointer<Int>.allocate(capacity: radix)
        defer { histogram.deallocate() }
        @inline(__always) func packed(_ key: UInt64) -> UInt64 { (key >> 32) << UInt64(idBits) | (key & lowMask) }
        for pass in 0..<passes {
            let shift = UInt64(pass * digitBits)
            histogram.initialize(repeating: 0, count: radix)
            for k in 0..<n { histogram[Int((packed(src[k].key) >> shift) & mask)] &+= 1 }
            var sum = 0
            for d in 0..<radix {
                let c = histogram[d]
                histogram[d] = sum
                sum &+= c
            }
            for k in 0..<n {
                let v = src[k]
                let d = Int((packed(v.key) >> shift) & mask)
                dst[histogram[d]] = v
                histogram[d] &+= 1
            }
            swap(&src, &dst)
        }
        return src
    }

    /// Bits needed to hold ids below `size`.
    static func bits(for size: Int) -> Int {
        var b = 1
        while (1 << b) < size { b += 1 }
        return b
    }
}
