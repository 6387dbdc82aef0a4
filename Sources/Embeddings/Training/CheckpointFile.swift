#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Corpus
import EmbedBase
import Foundation

/// A checkpoint that cannot be resumed (one line, naming the file).
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    case notACheckpoint(path: String)
    case formatVersion(path: String, found: UInt32)
    case truncated(path: String, size: Int, expected: Int)
    case corrupted(path: String, detail: String)
    case mismatch(path: String, detail: String)

    public var description: String {
        switch self {
        case let .notACheckpoint(path): return "\(path): not an mt2st-embed checkpoint"
        case let .formatVersion(path, found):
            return "\(path): checkpoint format version \(found); this mt2st-embed reads version \(CheckpointFile.version): start the run again"
        case let .truncated(path, size, expected):
            return "\(path): truncated checkpoint (\(size) bytes, \(expected) expected)"
        case let .corrupted(path, detail): return "\(path): corrupted checkpoint (\(detail))"
        case let .mismatch(path, detail): return "\(path): cannot resume this run: the checkpoint was \(detail)"
        }
    }
}

/// The checkpoint file, little-endian:
///
///     "MT2STCKP"                      8 bytes
///     format version                  UInt32 (`version`)
///     header length H                 UInt64
///     header                          H bytes of JSON (`CheckpointState`: identity, epoch, counters,
///                                     per-worker cursors, random states, negative queues, summaries)
///     header CRC-32                   UInt32, over all the bytes before it
///     input rows                      inputRows × dim Float32 (every row, FastText's n-gram rows too)
///     output rows                     outputRows × dim Float32
///     table CRC-32                    UInt32, over the rows
///
/// Written through `AtomicFile` (a temporary file renamed over the previous checkpoint only once
/// complete), streamed from the table without a copy.
public enum CheckpointFile {
    public static let magic: [UInt8] = Array("MT2STCKP".utf8)
    public static let version: UInt32 = 1
    /// Fixed bytes around the header and the rows.
    static let overhead = 8 + 4 + 8 + 4 + 4

    /// The size of a checkpoint of this header and table.
    static func size(headerBytes: Int, identity i: CheckpointIdentity) -> Int {
        overhead + headerBytes + (i.inputRows + i.outputRows) * i.dim * 4
    }

    /// Writes `state` and the table to `path` atomically; returns the bytes written.
    /// `crashTest`: the number of this write in the run; when it equals the environment variable
    /// MT2ST_CHECKPOINT_CRASH (a test hook), the process kills itself with SIGKILL halfway through
    /// the rows, as a crash during the write would.
    @discardableResult
    static func write(_ state: CheckpointState, table: TableHandle, to path: String, crashTest: Int = 0) throws -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let header = [UInt8](try encoder.encode(state))
        let crashAt = getenv("MT2ST_CHECKPOINT_CRASH").flatMap { Int(String(cString: $0)) }
        var total = 0
        try AtomicFile.write(to: path) { sink in
            var crc = CRC32()
            func put(_ bytes: UnsafeRawBufferPointer) throws {
                crc.update(bytes)
                try sink.write(bytes)
                total += bytes.count
            }
            var start = magic
            appendLittleEndian(version, to: &start)
            appendLittleEndian(UInt64(header.count), to: &start)
            start += header
            try start.withUnsafeBytes { try put($0) }
            var headerCRC: [UInt8] = []
            appendLittleEndian(crc.value, to: &headerCRC)
            try headerCRC.withUnsafeBytes { try put($0) }
            crc = CRC32()
            let rowBytes = table.dim * 4
            for r in 0..<table.inputRows {
                try put(UnsafeRawBufferPointer(start: table.inputRow(r), count: rowBytes))
                if r == table.inputRows / 2, crashAt == crashTest { kill(getpid(), SIGKILL) }
            }
            for r in 0..<table.outputRows {
                try put(UnsafeRawBufferPointer(start: table.outputRow(r), count: rowBytes))
            }
            var tail: [UInt8] = []
            appendLittleEndian(crc.value, to: &tail)
            try tail.withUnsafeBytes { try put($0) }
        }
        return total
    }

    /// Reads `path`: checks its format, header checksum and that it belongs to this run
    /// (`expected`), then reads the rows into `table` and checks their checksum. Returns the state.
    static func read(from path: String, expecting expected: CheckpointIdentity, into table: TableHandle) throws -> CheckpointState {
        let file = try InputFile(path: path, regularOnly: true)
        defer { file.close() }
        var reader = CheckpointReader(file: file)
        let fixed = try reader.bytes(8 + 4 + 8)
        guard Array(fixed.prefix(8)) == Array(magic.prefix(fixed.count)) else { throw CheckpointError.notACheckpoint(path: path) }
        guard fixed.count == 20 else { throw CheckpointError.truncated(path: path, size: file.size, expected: overhead) }
        let format = littleEndian(fixed, at: 8, as: UInt32.self)
        guard format == version else { throw CheckpointError.formatVersion(path: path, found: format) }
        let headerLength = littleEndian(fixed, at: 12, as: UInt64.self)
        guard headerLength < 1 << 32, Int(headerLength) + overhead <= file.size else {
            throw headerLength < 1 << 32 ? CheckpointError.truncated(path: path, size: file.size, expected: Int(headerLength) + overhead)
                : .corrupted(path: path, detail: "header length \(headerLength)")
        }
        let header = try reader.bytes(Int(headerLength))
        let computed = reader.crc.value
        let stored = littleEndian(try reader.bytes(4), at: 0, as: UInt32.self)
        guard computed == stored else { throw CheckpointError.corrupted(path: path, detail: "header checksum mismatch") }
        let state: CheckpointState
        do {
            state = try JSONDecoder().decode(CheckpointState.self, from: Data(header))
        } catch {
            throw CheckpointError.corrupted(path: path, detail: "unreadable header")
        }
        if let why = expected.mismatch(state.identity) { throw CheckpointError.mismatch(path: path, detail: why) }
        let size = Self.size(headerBytes: header.count, identity: state.identity)
        guard file.size == size else {
            throw file.size < size ? CheckpointError.truncated(path: path, size: file.size, expected: size)
                : .corrupted(path: path, detail: "\(file.size - size) bytes after the end")
        }
        reader.crc = CRC32()
        let rowBytes = table.dim * 4
        for r in 0..<table.inputRows { try reader.read(into: UnsafeMutableRawPointer(table.inputRow(r)), count: rowBytes) }
        for r in 0..<table.outputRows { try reader.read(into: UnsafeMutableRawPointer(table.outputRow(r)), count: rowBytes) }
        let rows = reader.crc.value
        guard rows == littleEndian(try reader.bytes(4), at: 0, as: UInt32.self) else {
            throw CheckpointError.corrupted(path: path, detail: "table checksum mismatch")
        }
        return state
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ x: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: x.littleEndian) { bytes += $0 }
    }

    static func littleEndian<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int, as: T.Type) -> T {
        var x: T = 0
        for i in 0..<MemoryLayout<T>.size { x |= T(bytes[offset + i]) << (8 * i) }
        return x
    }
}

/// Sequential reads of a checkpoint through a 1 MiB buffer, with a running CRC-32 of what was read.
struct CheckpointReader {
    let file: InputFile
    var crc = CRC32()
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    private var start = 0
    private var end = 0

    init(file: InputFile) { self.file = file }

    /// The next `count` bytes (fewer only at the end of the file).
    mutating func bytes(_ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        let n = try out.withUnsafeMutableBytes { try fill($0.baseAddress!, count: count) }
        return Array(out[0..<n])
    }

    /// Exactly `count` bytes into `destination`.
    mutating func read(into destination: UnsafeMutableRawPointer, count: Int) throws {
        let n = try fill(destination, count: count)
        if n < count { throw CheckpointError.truncated(path: file.path, size: file.size, expected: file.size + count - n) }
    }

    private mutating func fill(_ destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        var done = 0
        while done < count {
            if start == end {
                end = try buffer.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, capacity: $0.count) }
                start = 0
                if end == 0 { break }
            }
            let n = min(count - done, end - start)
            buffer.withUnsafeBytes { (destination + done).copyMemory(from: $0.baseAddress! + start, byteCount: n) }
            crc.update(UnsafeRawBufferPointer(start: destination + done, count: n))
            start += n
            done += n
        }
        return done
    }
}
