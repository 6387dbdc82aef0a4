#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EmbedBase

/// A scratch file for the GloVe pipeline (spilled runs, merged counts, shuffled records).
///
/// The file is unlinked as soon as it is created: it has no name on disk, the kernel frees its
/// space when the descriptor closes (at `deinit`), and nothing is left behind whether the run
/// succeeds, throws or is killed. Reads and writes are positional (`pread`/`pwrite`), so several
/// threads may read disjoint parts at once.
public final class TemporaryFile {
    public let fd: Int32
    public let directory: String

    public init(directory: String, purpose: String) throws {
        self.directory = directory
        do { fd = try ScratchFile.create(in: directory, prefix: "mt2st-glove-\(purpose)") } catch let e as FileError {
            throw GloVeError.temporaryFile(directory: directory, reason: e.reason)
        }
    }

    deinit { close(fd) }

    /// `$TMPDIR`, or /tmp.
    public static func defaultDirectory() -> String { ScratchFile.defaultDirectory() }

    /// Writes `count` bytes at byte `offset`.
    public func write(_ bytes: UnsafeRawPointer, count: Int, at offset: Int) throws {
        let code = writeFully(fd, bytes, count: count, at: offset)
        guard code == 0 else { throw GloVeError.temporaryFile(directory: directory, reason: errnoDescription(code)) }
    }

    /// Reads up to `count` bytes at byte `offset`; returns the number read (less only at the end).
    public func read(into bytes: UnsafeMutableRawPointer, count: Int, at offset: Int) throws -> Int {
        let (done, code) = readFully(fd, bytes, count: count, at: offset)
        guard code == 0 else { throw GloVeError.temporaryFile(directory: directory, reason: "read: " + errnoDescription(code)) }
        return done
    }

    /// Sets the file's length (used to reserve space before scattered writes).
    public func truncate(to bytes: Int) throws {
        guard ftruncate(fd, off_t(bytes)) == 0 else {
            throw GloVeError.temporaryFile(directory: directory, reason: errnoDescription())
        }
    }
}

/// Appends fixed-size values of type `T` to a `TemporaryFile` through a buffer.
struct RecordWriter<T> {
    let file: TemporaryFile
    let buffer: UnsafeMutablePointer<T>
    let capacity: Int
    var used = 0
    /// Values already written to the file.
    private(set) var flushed = 0
    let startOffset: Int

    init(file: TemporaryFile, bufferBytes: Int, startOffset: Int = 0) {
        self.file = file
        capacity = max(1, bufferBytes / MemoryLayout<T>.stride)
        buffer = .allocate(capacity: capacity)
        self.startOffset = startOffset
    }

    @inline(__always)
    mutating func append(_ value: T) throws {
        if used == capacity { try flush() }
        buffer[used] = value
        used &+= 1
    }

    mutating func flush() throws {
        guard used > 0 else { return }
        try file.write(buffer, count: used * MemoryLayout<T>.stride,
                       at: startOffset + flushed * MemoryLayout<T>.stride)
        flushed += used
        used = 0
    }

    var count: Int { flushed + used }

    /// Flushes and frees the buffer; returns the number of values written.
    mutating func finish() throws -> Int {
        defer { buffer.deallocate() }
        try flush()
        return flushed
    }

    /// Frees the buffer without writing (on failure).
    func abandon() { buffer.deallocate() }
}

/// Reads fixed-size values of type `T` sequentially from a range of a `TemporaryFile`.
struct RecordReader<T> {
    let file: TemporaryFile
    let buffer: UnsafeMutablePointer<T>
    let capacity: Int
    var position = 0     // next value index in the buffer
    var available = 0    // values in the buffer
    var nextIndex: Int   // next value index in the file to load
    let endIndex: Int

    init(file: TemporaryFile, range: Range<Int>, bufferBytes: Int) {
        self.file = file
        capacity = max(1, bufferBytes / MemoryLayout<T>.stride)
        buffer = .allocate(capacity: capacity)
        nextIndex = range.lowerBound
        endIndex = range.upperBound
    }

    /// Loads the next block; returns false at the end.
    mutating func refill() throws -> Bool {
        let n = min(capacity, endIndex - nextIndex)
        guard n > 0 else { available = 0; position = 0; return false }
        let bytes = try file.read(into: buffer, count: n * MemoryLayout<T>.stride, at: nextIndex * MemoryLayout<T>.stride)
        guard bytes == n * MemoryLayout<T>.stride else {
            throw GloVeError.temporaryFile(directory: file.directory, reason: "temporary file shorter than written")
        }
        nextIndex += n
        available = n
        position = 0
        return true
    }

    @inline(__always)
    mutating func next() throws -> T? {
        if position == available {
            guard try refill() else { return nil }
        }
        let v = buffer[position]
        position &+= 1
        return v
    }

    func release() { buffer.deallocate() }
}
