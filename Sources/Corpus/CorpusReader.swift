import CZlib
import EmbedBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the bytes of a plain or gzip-compressed file in large chunks.
///
/// Compression is detected from the magic bytes (1f 8b), never from the file name. Concatenated
/// (multi-member) gzip files are read to the end, as `zcat` does. A stream cut in the middle, a bad
/// CRC or garbage after a member is an error naming the file and the compressed byte offset.
public struct CorpusReader {
    public let path: String
    public let chunkSize: Int
    /// Only the lines of a plain file that start in this byte range (see `CorpusSource.lines`).
    public let lineRange: Range<Int64>?

    /// `path` "-" reads standard input.
    public init(path: String, chunkSize: Int = 1 << 20, lineRange: Range<Int64>? = nil) {
        self.path = path
        self.chunkSize = max(4096, chunkSize)
        self.lineRange = lineRange
    }

    /// Calls `body` with successive chunks of the (decompressed) file. The buffer is only valid
    /// during the call.
    public func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let file = path == CorpusSource.standardInputArgument ? InputFile.standardInput : try InputFile(path: path)
        defer { file.close() }
        let input = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { input.deallocate() }
        if let lineRange { return try forEachChunk(fd: file.fd, lines: lineRange, buffer: input, body) }
        let first = try file.read(into: input, capacity: chunkSize)
        if first >= 2, input.load(fromByteOffset: 0, as: UInt8.self) == 0x1f,
           input.load(fromByteOffset: 1, as: UInt8.self) == 0x8b {
            try inflateAll(file, input: input, firstCount: first, body)
        } else {
            var count = first
            while count > 0 {
                try body(UnsafeRawBufferPointer(start: input, count: count))
                count = try file.read(into: input, capacity: chunkSize)
            }
        }
    }

    /// Reads from `fd` until `capacity` bytes or the end (`LineRangeReader`).
    func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ capacity: Int) throws -> Int {
        let (filled, code) = readFully(fd, buffer, count: capacity)
        guard code == 0 else { throw FileError.readFailed(path: path, reason: errnoDescription(code)) }
        return filled
    }

    private func inflateAll(_ file: InputFile, input: UnsafeMutableRawPointer, firstCount: Int,
                            _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let outCapacity = chunkSize * 4
        let output = UnsafeMutableRawPointer.allocate(byteCount: outCapacity, alignment: 64)
        defer { output.deallocate() }
        var stream = z_stream()
        // 15 + 16: gzip wrapper only, largest window.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw CorpusError.corruptGzip(path: path, byteOffset: 0, reason: "zlib initialisation failed")
        }
        defer { inflateEnd(&stream) }
        var consumedBefore = 0 // compressed bytes handed to zlib before the current input chunk
        var available = firstCount
        var inMember = true
        stream.next_in = input.assumingMemoryBound(to: Bytef.self)
        stream.avail_in = uInt(available)
        while true {
            if stream.avail_in == 0 {
                consumedBefore += available
                available = try file.read(into: input, capacity: chunkSize)
                if available == 0 {
                    if inMember { throw CorpusError.truncatedGzip(path: path, byteOffset: consumedBefore) }
                    return
                }
                stream.next_in = input.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(available)
            }
            inMember = true
            stream.next_out = output.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(outCapacity)
            let status = inflate(&stream, Z_NO_FLUSH)
            let produced = outCapacity - Int(stream.avail_out)
            if produced > 0 { try body(UnsafeRawBufferPointer(start: output, count: produced)) }
            switch status {
            case Z_OK, Z_BUF_ERROR:
                if status == Z_BUF_ERROR && stream.avail_in != 0 {
                    throw corrupt(stream, consumedBefore, available)
                }
            case Z_STREAM_END:
                // End of one member; another may follow (multi-member gzip).
                inflateReset(&stream)
                inMember = false
            default:
                throw corrupt(stream, consumedBefore, available)
            }
        }
    }

    private func corrupt(_ stream: z_stream, _ consumedBefore: Int, _ available: Int) -> CorpusError {
        let offset = consumedBefore + available - Int(stream.avail_in)
        let reason = stream.msg.map { String(cString: $0) } ?? "invalid compressed data"
        return .corruptGzip(path: path, byteOffset: offset, reason: reason)
    }
}
