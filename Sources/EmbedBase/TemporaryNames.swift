#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// The names of temporary files and folders that exist on disk only while an output is being
/// written (a staged file's name between its link and its rename, a named temporary file where
/// `O_TMPFILE` is not available, a staging folder). `Interruption` removes them all on SIGINT or
/// SIGTERM. One lock guards the table; `AtomicFile` commits its renames while holding it, so an
/// interruption sees either all the files of a commit renamed or none.
public enum TemporaryNames {
    private static let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()
    nonisolated(unsafe) private static var table = Table()

    /// The registered names (only touched with the lock held).
    public struct Table {
        var entries: [Int: (path: String, isDirectory: Bool)] = [:]
        var next = 0

        /// Registers `path`; returns the key to forget it with.
        public mutating func add(_ path: String, isDirectory: Bool = false) -> Int {
            next += 1
            entries[next] = (path, isDirectory)
            return next
        }

        public mutating func forget(_ key: Int) { entries[key] = nil }

        /// Removes every registered name from disk; returns how many existed.
        public mutating func removeAll() -> Int {
            var removed = 0
            for key in entries.keys.sorted() {
                let e = entries[key]!
                if e.isDirectory ? removeTree(e.path) : unlink(e.path) == 0 { removed += 1 }
            }
            entries.removeAll()
            return removed
        }

        public var count: Int { entries.count }
    }

    /// Runs `body` with the lock held.
    public static func withLock<T>(_ body: (inout Table) throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&table)
    }

    public static func register(_ path: String, isDirectory: Bool = false) -> Int {
        withLock { $0.add(path, isDirectory: isDirectory) }
    }

    public static func forget(_ key: Int) { withLock { $0.forget(key) } }

    /// Removes a folder and everything in it; true if it existed and is gone.
    @discardableResult
    public static func removeTree(_ path: String) -> Bool {
        guard let dir = opendir(path) else { return unlink(path) == 0 }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." { continue }
            let child = path + "/" + name
            var st = stat()
            if lstat(child, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
                removeTree(child)
            } else {
                unlink(child)
            }
        }
        closedir(dir)
        return rmdir(path) == 0
    }
}

/// SIGINT and SIGTERM handling for the command-line tool: on either signal the registered
/// temporary names are removed, one line says so on stderr, and the process exits with 128 + the
/// signal number (130 for SIGINT, 143 for SIGTERM). The handler runs on a dispatch queue, not in
/// signal context, so it may take the lock and allocate.
public enum Interruption {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers (idempotent). `program` prefixes the message.
    public static func install(program: String) {
        TemporaryNames.withLock { _ in
            guard sources.isEmpty else { return }
            for (signo, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
                signal(signo, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signo, queue: .global())
                source.setEventHandler {
                    let removed = TemporaryNames.withLock { $0.removeAll() }
                    let message = "\n\(program): interrupted by \(name); removed \(removed) temporary "
                        + "file\(removed == 1 ? "" : "s"); outputs not yet complete were not written\n"
                    var bytes = Array(message.utf8)
                    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
                    _exit(128 + signo)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
