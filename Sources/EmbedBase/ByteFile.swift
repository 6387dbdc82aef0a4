/// A whole file read into memory in large chunks, followed by one NUL byte (so C number parsers can
/// run over it safely). Owns its memory.
public final class ByteFile {
    public let path: String
    /// The file's bytes; `base[count]` is a NUL byte.
    public let base: UnsafeMutablePointer<UInt8>
    public let count: Int

    public init(path: String) throws {
        self.path = path
        let file = try InputFile(path: path)
        defer { file.close() }
        var capacity = file.size + 1
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        var filled = 0
        let chunk = 8 << 20
        while true {
            if capacity - filled < 2 {  // grew while reading (or a pipe): make room
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let n: Int
            do {
                n = try file.read(into: buffer + filled, capacity: min(chunk, capacity - 1 - filled))
            } catch {
                buffer.deallocate()
                throw error
            }
            if n == 0 { break }
            filled += n
        }
        buffer[filled] = 0
        self.base = buffer
        self.count = filled
    }

    deinit { base.deallocate() }

    /// The bytes as a buffer (without the trailing NUL).
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// The 1-based line number of the byte at `offset`.
    public func lineNumber(at offset: Int) -> Int {
        var line = 1
        var i = 0
        while i < offset && i < count {
            if base[i] == 10 { line += 1 }
            i += 1
        }
        return line
    }
}
