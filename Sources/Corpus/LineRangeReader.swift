#if canImport(Glibc)
import EmbedBase
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CorpusReader {
    /// The lines of a plain file that start in `range` (a line starts at byte 0 or right after a
    /// newline), so that consecutive ranges cover every line exactly once: the reader skips the
    /// end of a line begun before the range and finishes the last line begun inside it. Gzip
    /// files cannot be split (there is no random access into a deflate stream).
    func forEachChunk(fd: Int32, lines range: Range<Int64>, buffer: UnsafeMutableRawPointer,
                      _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var magic: (UInt8, UInt8) = (0, 0)
        if pread(fd, &magic, 2, 0) == 2, magic == (0x1f, 0x8b) { throw CorpusError.cannotSplitGzip(path: path) }
        if range.isEmpty { return }
        // Start one byte early: if that byte is a newline, the range begins with a line.
        var position = max(0, range.lowerBound - 1)
        guard lseek(fd, off_t(position), SEEK_SET) >= 0 else {
            throw FileError.readFailed(path: path, reason: errnoDescription())
        }
        enum Phase { case skip, body, tail }
        var phase: Phase = range.lowerBound > 0 ? .skip : .body
        let bytes = buffer.assumingMemoryBound(to: UInt8.self)
        while true {
            let count = try readSome(fd, buffer, chunkSize)
            if count == 0 { return }
            var i = 0
            if phase == .skip {
                guard let newline = memchr(buffer, 0x0a, count) else { position += Int64(count); continue }
                i = buffer.distance(to: newline) + 1
                phase = .body
                if position + Int64(i) >= range.upperBound { return } // no line starts in the range
            }
            if phase == .body {
                let n = Int(min(Int64(count - i), range.upperBound - (position + Int64(i))))
                if n > 0 { try body(UnsafeRawBufferPointer(start: buffer + i, count: n)) }
                i += n
                if position + Int64(i) >= range.upperBound {
                    if bytes[i - 1] == 0x0a { return }
                    phase = .tail
                }
            }
            if phase == .tail, i < count {
                if let newline = memchr(buffer + i, 0x0a, count - i) {
                    let end = buffer.distance(to: newline) + 1
                    try body(UnsafeRawBufferPointer(start: buffer + i, count: end - i))
                    return
                }
                try body(UnsafeRawBufferPointer(start: buffer + i, count: count - i))
            }
            position += Int64(count)
        }
    }
}
