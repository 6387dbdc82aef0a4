#if canImport(Glibc)
import EmbedBase
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unnamed scratch files (the spilled corpus, GloVe's runs and records): created in a directory and
/// unlinked at once, so they have no name on disk and the kernel frees their space when the
/// descriptor closes, whether the run succeeds, throws or is killed.
public enum ScratchFile {
    /// `$TMPDIR`, or /tmp.
    public static func defaultDirectory() -> String {
        if let t = getenv("TMPDIR"), t.pointee != 0 { return String(cString: t) }
        return "/tmp"
    }

    /// A new unnamed file in `directory` (named `prefix-XXXXXX` for the instant it exists), open
    /// read-write. The caller closes the descriptor. Failure: `FileError.cannotWrite` naming the
    /// template.
    public static func create(in directory: String, prefix: String) throws -> Int32 {
        let name = directory + "/" + prefix + "-XXXXXX"
        var template = Array(name.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileError.cannotWrite(path: name, reason: errnoDescription()) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }
}

/// Writes all `count` bytes to `fd`, at byte `offset` (`pwrite`) or at the file position, retrying
/// interrupted writes. Returns 0, or the `errno` of the failure.
public func writeFully(_ fd: Int32, _ bytes: UnsafeRawPointer, count: Int, at offset: Int? = nil) -> Int32 {
    let (done, code) = transferFully(count) { done in
        offset.map { pwrite(fd, bytes + done, count - done, off_t($0 + done)) } ?? write(fd, bytes + done, count - done)
    }
    return code != 0 || done == count ? code : EIO
}

/// Reads into `bytes` until `count` bytes or the end of the file, at byte `offset` (`pread`) or at
/// the file position, retrying interrupted reads. Returns the bytes read (fewer than `count` only
/// at the end) and 0, or the `errno` of a failure.
public func readFully(_ fd: Int32, _ bytes: UnsafeMutableRawPointer, count: Int,
                      at offset: Int? = nil) -> (count: Int, error: Int32) {
    transferFully(count) { done in
        offset.map { pread(fd, bytes + done, count - done, off_t($0 + done)) } ?? read(fd, bytes + done, count - done)
    }
}

/// Calls `step(done)` (one `read`/`write` of the bytes from `done` on) until `count` bytes have
/// moved or a call moves none; an interrupted call is repeated. Returns the bytes moved and 0, or
/// the `errno` of a failed call.
@inline(__always)
private func transferFully(_ count: Int, _ step: (Int) -> Int) -> (count: Int, error: Int32) {
    var done = 0
    while done < count {
        let n = step(done)
        if n < 0 {
            if errno == EINTR { continue }
            return (done, errno)
        }
        if n == 0 { break }
        done += n
    }
    return (done, 0)
}
