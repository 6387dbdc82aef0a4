#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Large tables that are accessed at random (hash slots, embedding rows) are allocated 2 MiB
/// aligned and marked for transparent huge pages: under virtualisation a TLB miss is costly, and
/// with 4 KiB pages nearly every random row access misses.
public enum HugePages {
    /// Allocates `bytes` zeroed bytes, 2 MiB aligned when large, with MADV_HUGEPAGE. Free with `free`.
    public static func allocateZeroed(bytes: Int) -> UnsafeMutableRawPointer {
        let huge = 2 << 20
        let alignment = bytes >= huge ? huge : 64
        let size = bytes >= huge ? (bytes + huge - 1) / huge * huge : max(bytes, 64)
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, alignment, size) == 0, let raw else {
            fatalError("out of memory: cannot allocate \(bytes) bytes")
        }
        #if os(Linux)
        if alignment == huge { _ = madvise(raw, size, 14 /* MADV_HUGEPAGE */) }
        #endif
        memset(raw, 0, size)
        return raw
    }
}
