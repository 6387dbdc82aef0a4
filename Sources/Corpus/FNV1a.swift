/// 64- and 32-bit FNV-1a over bytes: the project's only hash for anything that must be ordered or
/// stored (Swift's `Hasher` is seeded per process and would make runs irreproducible).
public enum FNV1a {
    @inlinable @inline(__always)
    public static func hash64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// 32-bit FNV-1a over unsigned bytes (fastText's n-gram hash sign-extends bytes: `SubwordOptions`).
    @inlinable @inline(__always)
    public static func hash32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in bytes {
            h = (h ^ UInt32(b)) &* 16_777_619
        }
        return h
    }
}
