import CZlib

/// CRC-32 (zlib's `crc32`, the gzip/PNG polynomial), fed in pieces: the checksum of large binary
/// files (`train --checkpoint`), several GB/s where a byte-wise hash would take seconds.
public struct CRC32: Sendable {
    public private(set) var value: UInt32 = 0

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var left = bytes.count
        var c = uLong(value)
        while left > 0 {
            let n = min(left, 1 << 30)
            c = crc32(c, p, uInt(n))
            p += n
            left -= n
        }
        value = UInt32(truncatingIfNeeded: c)
    }
}
