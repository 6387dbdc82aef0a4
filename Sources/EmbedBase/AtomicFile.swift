#if canImport(Glibc)
import EmbedBase
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either nothing or the whole result: the bytes go to a
/// temporary file beside the destination, which is renamed over it only once complete.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { sink in try sink.write(bytes) }
    }

    /// Streams into a temporary file through `body`, then renames it to `path`. If `body` throws,
    /// the temporary file is removed and `path` is left untouched.
    public static func write(to path: String, _ body: (inout FileSink) throws -> Void) throws {
        let temporary = path + ".tmp-\(getpid())"
        var sink = try FileSink(path: temporary, reportedPath: path)
        do {
            try body(&sink)
            try sink.close()
        } catch {
            sink.abandon()
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = errnoDescription()
            unlink(temporary)
            throw FileError.cannotWrite(path: path, reason: reason)
        }
    }
}

/// A buffered, write-only file handle (1 MiB buffer) used by `AtomicFile`.
public struct FileSink {
    let fd: Int32
    let reportedPath: String
    var buffer: [UInt8] = []
    static let capacity = 1 << 20

    init(path: String, reportedPath: String) throws {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        self.reportedPath = reportedPath
        guard fd >= 0 else { throw FileError.cannotWrite(path: reportedPath, reason: errnoDescription()) }
        buffer.reserveCapacity(FileSink.capacity)
    }

    public mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    public mutating func write(_ string: String) throws {
        var s = string
        try s.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > FileSink.capacity { try flush() }
        if bytes.count >= FileSink.capacity {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let code = writeFully(fd, base, count: bytes.count)
        guard code == 0 else { throw FileError.cannotWrite(path: reportedPath, reason: errnoDescription(code)) }
    }

    mutating func close() throws {
        try flush()
        guard Glibc.close(fd) == 0 else {
            throw FileError.cannotWrite(path: reportedPath, reason: errnoDescription())
        }
    }

    func abandon() { _ = Glibc.close(fd) }
}
