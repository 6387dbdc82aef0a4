#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A manually managed, growable array of trivial values for the counting hot path: no
/// copy-on-write checks, no reference counting, no bounds checks in release builds.
/// The owner must call `deallocate()` exactly once.
@usableFromInline
struct GrowableBuffer<Element> {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var count: Int = 0
    @usableFromInline var capacity: Int

    @usableFromInline
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inlinable @inline(__always)
    subscript(i: Int) -> Element {
        get {
            #if DEBUG
            assert(i >= 0 && i < count)
            #endif
            return base[i]
        }
        nonmutating set {
            #if DEBUG
            assert(i >= 0 && i < count)
            #endif
            base[i] = newValue
        }
    }

    @inlinable @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { grow(to: capacity * 2) }
        (base + count).initialize(to: value)
        count += 1
    }

    @inlinable
    mutating func append(contentsOf bytes: UnsafeRawBufferPointer) where Element == UInt8 {
        if count + bytes.count > capacity { grow(to: max(capacity * 2, count + bytes.count)) }
        if bytes.count > 0 { memcpy(base + count, bytes.baseAddress!, bytes.count) }
        count += bytes.count
    }

    @usableFromInline
    mutating func grow(to newCapacity: Int) {
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        fresh.moveInitialize(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }

    func deallocate() { base.deallocate() }

    var memoryBytes: Int { capacity * MemoryLayout<Element>.stride }
}
