#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Large tables that are accessed at random (hash slots, embedding rows) are allocated 2 MiB
/// aligned and marked for transparent huge pages: under virtualisation a TLB miss is costly, and
/// with 4 KiB pages nearly every random row access misses.
///
/// Large blocks are mapped directly (not taken from malloc) so that releasing one gives its memory
/// back to the system at once: glibc raises its mmap threshold after the first large `free`, and
/// later tables would then come from the heap and stay resident after their run (an `experiment`
/// of many runs grew by several MiB per run that way).
public enum HugePages {
    static let huge = 2 << 20

    /// Bytes actually reserved for a request of `bytes` (whole huge pages when large).
    static func reservedSize(_ bytes: Int) -> Int {
        bytes >= huge ? (bytes + huge - 1) / huge * huge : max(bytes, 64)
    }

    /// Allocates `bytes` zeroed bytes, 2 MiB aligned when large, with MADV_HUGEPAGE.
    /// Release with `release(_:bytes:)` and the same `bytes`.
    public static func allocateZeroed(bytes: Int) -> UnsafeMutableRawPointer {
        let size = reservedSize(bytes)
        guard bytes >= huge else {
            var raw: UnsafeMutableRawPointer?
            guard posix_memalign(&raw, 64, size) == 0, let raw else {
                fatalError("out of memory: cannot allocate \(bytes) bytes")
            }
            memset(raw, 0, size)
            return raw
        }
        // Over-map by one huge page, then unmap the unaligned head and the tail.
        let mapped = size + huge
        guard let base = mmap(nil, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              base != MAP_FAILED else {
            fatalError("out of memory: cannot map \(bytes) bytes")
        }
        let address = UInt(bitPattern: base)
        let aligned = (address + UInt(huge) - 1) / UInt(huge) * UInt(huge)
        let head = Int(aligned - address)
        if head > 0 { munmap(base, head) }
        let tail = mapped - head - size
        let start = UnsafeMutableRawPointer(bitPattern: aligned)!
        if tail > 0 { munmap(start + size, tail) }
        #if os(Linux)
        _ = madvise(start, size, 14 /* MADV_HUGEPAGE */)
        #endif
        return start  // anonymous mappings are zero-filled
    }

    /// Releases a block from `allocateZeroed(bytes:)`; `bytes` must be the size it was asked for.
    public static func release(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        if bytes >= huge {
            munmap(pointer, reservedSize(bytes))
        } else {
            free(pointer)
        }
    }
}
