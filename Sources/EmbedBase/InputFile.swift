#if canImport(Glibc)
import EmbedBase
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened read-only, with what `fstat` says of it: the one place that opens input files
/// (whole-file reads, memory maps, streamed corpora). Closed by `close()`.
public struct InputFile {
    public let path: String
    public let fd: Int32
    /// The size `fstat` reports (0 for pipes).
    public let size: Int

    /// Opens `path` read-only. A directory is refused ("is a directory"); with `regularOnly`, so is
    /// anything but a regular file ("not a regular file": what `mmap` needs).
    public init(path: String, regularOnly: Bool = false) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileError.cannotOpen(path: path, reason: errnoDescription()) }
        var info = stat()
        var refusal: String? = nil
        if fstat(fd, &info) != 0 {
            refusal = errnoDescription()
        } else if regularOnly && (info.st_mode & S_IFMT) != S_IFREG {
            refusal = "not a regular file"
        } else if (info.st_mode & S_IFMT) == S_IFDIR {
            refusal = "is a directory"
        }
        if let refusal {
            _ = Glibc.close(fd)
            throw FileError.cannotOpen(path: path, reason: refusal)
        }
        size = max(Int(info.st_size), 0)
    }

    /// Reads into `buffer` until `capacity` bytes or the end of the file; returns the count (less
    /// than `capacity` only at the end). Interrupted reads are retried.
    public func read(into buffer: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        let (filled, code) = readFully(fd, buffer, count: capacity)
        guard code == 0 else { throw FileError.readFailed(path: path, reason: errnoDescription(code)) }
        return filled
    }

    private init(standardInputPath: String) {
        path = standardInputPath
        fd = STDIN_FILENO
        size = 0
    }

    /// Standard input (`-`), streamed; `close()` leaves it open.
    public static let standardInput = InputFile(standardInputPath: "-")

    public func close() { if fd != STDIN_FILENO { _ = Glibc.close(fd) } }
}
