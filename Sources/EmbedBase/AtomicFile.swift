#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either nothing or the whole result: the bytes go to a
/// temporary file beside the destination, which is renamed over it only once complete.
///
/// On Linux the temporary file is opened with `O_TMPFILE`: it has no name while it is written, so
/// even SIGKILL leaves nothing behind; once complete it is linked under a temporary name and renamed
/// over the destination (with the `TemporaryNames` lock held, so SIGINT/SIGTERM either see it
/// renamed or remove the name). Where `O_TMPFILE` is refused (some file systems, no /proc), a named
/// temporary file `<path>.tmp-<pid>-<n>` is used, registered for removal on SIGINT/SIGTERM.
///
/// Inside `OutputTransaction.run`, complete files are kept until the whole transaction succeeded,
/// then all renamed together.
public enum AtomicFile {
    /// Whether to write through `O_TMPFILE` (Linux with /proc; not with MT2ST_NO_TMPFILE set in the
    /// environment); tests clear it to exercise the named fallback.
    nonisolated(unsafe) public static var anonymousFiles = StagedFile.anonymousFilesWork && getenv("MT2ST_NO_TMPFILE") == nil

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { sink in try sink.write(bytes) }
    }

    /// Streams into a temporary file through `body`, then renames it to `path`. If `body` throws,
    /// the temporary file is removed and `path` is left untouched.
    public static func write(to path: String, _ body: (inout FileSink) throws -> Void) throws {
        let staged = try StagedFile(destination: path)
        var sink = FileSink(fd: staged.fd, reportedPath: path)
        do {
            try body(&sink)
            try sink.flush()
        } catch {
            staged.discard()
            throw error
        }
        if let transaction = OutputTransaction.current {
            transaction.add(staged)
        } else {
            try OutputTransaction.commit([staged])
        }
    }
}

/// A complete or partly written output: an open descriptor, and a temporary name once it has one.
final class StagedFile {
    let destination: String
    let fd: Int32
    /// The temporary name (nil while an `O_TMPFILE` file has none) and its `TemporaryNames` key.
    var temporary: String?
    var key: Int?
    private var closed = false
    nonisolated(unsafe) static var counter = 0

    #if os(Linux)
    /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`; Glibc's macro is not imported into Swift).
    static let oTmpFile: Int32 = 0o20000000 | 0o200000
    static let anonymousFilesWork = access("/proc/self/fd", F_OK) == 0
    #else
    static let anonymousFilesWork = false
    #endif

    init(destination: String) throws {
        self.destination = destination
        #if os(Linux)
        if AtomicFile.anonymousFiles {
            let fd = open(StagedFile.directory(of: destination), StagedFile.oTmpFile | O_WRONLY, 0o644)
            if fd >= 0 {
                self.fd = fd
                return
            }
            // Not supported here (EOPNOTSUPP, EISDIR on old kernels...): a named file below reports
            // the real error if the folder itself is the problem.
        }
        #endif
        let name = TemporaryNames.withLock { table -> (String, Int) in
            StagedFile.counter += 1
            let name = destination + ".tmp-\(getpid())-\(StagedFile.counter)"
            return (name, table.add(name))
        }
        let fd = open(name.0, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            let reason = errnoDescription()
            TemporaryNames.forget(name.1)
            throw FileError.cannotWrite(path: destination, reason: reason)
        }
        self.fd = fd
        temporary = name.0
        key = name.1
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Gives the file a temporary name (with the `TemporaryNames` lock held).
    func link(_ table: inout TemporaryNames.Table) throws {
        // The one reason a rename beside the destination fails that can be seen beforehand.
        var st = stat()
        if lstat(destination, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            throw FileError.cannotWrite(path: destination, reason: "is a directory")
        }
        if temporary == nil {
            StagedFile.counter += 1
            let name = destination + ".tmp-\(getpid())-\(StagedFile.counter)"
            guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0 else {
                throw FileError.cannotWrite(path: destination, reason: errnoDescription())
            }
            temporary = name
            key = table.add(name)
        }
        try close()
    }

    func close() throws {
        guard !closed else { return }
        closed = true
        guard Glibc.close(fd) == 0 else { throw FileError.cannotWrite(path: destination, reason: errnoDescription()) }
    }

    /// Removes the temporary name (if any) with the lock held.
    func remove(_ table: inout TemporaryNames.Table) {
        if !closed { closed = true; _ = Glibc.close(fd) }
        if let temporary { unlink(temporary) }
        if let key { table.forget(key) }
        temporary = nil
        key = nil
    }

    func discard() { TemporaryNames.withLock { remove(&$0) } }
}

/// All-or-nothing output of several files: inside `run`, every `AtomicFile` write is kept as a
/// complete temporary file; only when the body succeeded are they all given names and renamed
/// into place (with the `TemporaryNames` lock held, so SIGINT/SIGTERM cannot split the commit). If
/// the body throws, or linking any file fails, none is renamed and existing outputs are untouched.
public final class OutputTransaction {
    nonisolated(unsafe) static var current: OutputTransaction?
    var staged: [StagedFile] = []

    func add(_ file: StagedFile) { staged.append(file) }

    /// Runs `body` (on the calling thread: writes from other threads are not collected) and commits.
    @discardableResult
    public static func run<T>(_ body: () throws -> T) throws -> T {
        precondition(current == nil, "OutputTransaction.run does not nest")
        let transaction = OutputTransaction()
        current = transaction
        let result: T
        do {
            result = try body()
        } catch {
            current = nil
            TemporaryNames.withLock { table in transaction.staged.forEach { $0.remove(&table) } }
            throw error
        }
        current = nil
        try commit(transaction.staged)
        return result
    }

    /// Links every file under a temporary name, then renames them all; on any failure, removes
    /// every temporary name and throws.
    static func commit(_ files: [StagedFile]) throws {
        try TemporaryNames.withLock { table in
            do {
                for file in files { try file.link(&table) }
                for file in files {
                    guard rename(file.temporary!, file.destination) == 0 else {
                        throw FileError.cannotWrite(path: file.destination, reason: errnoDescription())
                    }
                    table.forget(file.key!)
                    file.temporary = nil
                    file.key = nil
                }
            } catch {
                files.forEach { $0.remove(&table) }
                throw error
            }
        }
    }
}

/// A buffered, write-only file handle (1 MiB buffer) used by `AtomicFile`.
public struct FileSink {
    let fd: Int32
    let reportedPath: String
    var buffer: [UInt8] = []
    static let capacity = 1 << 20

    init(fd: Int32, reportedPath: String) {
        self.fd = fd
        self.reportedPath = reportedPath
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
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError.cannotWrite(path: reportedPath, reason: errnoDescription())
            }
            done += n
        }
    }
}
