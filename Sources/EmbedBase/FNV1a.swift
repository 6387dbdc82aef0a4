/// 64- and 32-bit FNV-1a over bytes: the project's only hash for anything that must be ordered or
/// stored (Swift's `Hasher` is seeded per process and would make runs irreproducible).
public enum FNV1a {
    /// The 64-bit offset basis (the hash of no bytes).
    @inlinable public static var basis64: UInt64 { 0xcbf2_9ce4_8422_2325 }
    /// The 32-bit offset basis.
    @inlinable public static var basis32: UInt32 { 2_166_136_261 }

    /// `h` extended by one byte.
    @inlinable @inline(__always)
    public static func step64(_ h: UInt64, _ byte: UInt8) -> UInt64 {
        (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// `h` extended by one byte (32-bit).
    @inlinable @inline(__always)
    public static func step32(_ h: UInt32, _ byte: UInt8) -> UInt32 {
        (h ^ UInt32(byte)) &* 16_777_619
    }

    @inlinable @inline(__always)
    public static func hash64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = basis64
        for b in bytes { h = step64(h, b) }
        return h
    }

    /// 32-bit FNV-1a over unsigned bytes (fastText's n-gram hash sign-extends bytes: `SubwordOptions`).
    @inlinable @inline(__always)
    public static func hash32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var h = basis32
        for b in bytes { h = step32(h, b) }
        return h
    }
}
