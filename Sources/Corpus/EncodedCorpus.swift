import EmbedBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The corpus as a compact stream of 32-bit word ids, read and tokenised once and reused by every
/// epoch. `sentenceEnd` separates sentences; out-of-vocabulary tokens are already removed.
///
/// The stream lives in an unlinked temporary file that is memory-mapped, so a corpus larger than
/// RAM still works (the kernel pages it), and nothing is left on disk if the process dies.
public final class EncodedCorpus {
    public static let sentenceEnd: UInt32 = .max

    /// Ids and sentence separators.
    public let ids: UnsafeBufferPointer<UInt32>
    /// Number of word tokens (separators excluded).
    public let tokenCount: Int
    public let sentenceCount: Int
    private let mapping: UnsafeMutableRawPointer?
    private let mappedBytes: Int

    init(mapping: UnsafeMutableRawPointer?, mappedBytes: Int, length: Int, tokenCount: Int, sentenceCount: Int) {
        self.mapping = mapping
        self.mappedBytes = mappedBytes
        self.ids = UnsafeBufferPointer(start: mapping?.assumingMemoryBound(to: UInt32.self), count: length)
        self.tokenCount = tokenCount
        self.sentenceCount = sentenceCount
    }

    deinit {
        if let mapping, mappedBytes > 0 { munmap(mapping, mappedBytes) }
    }

    /// Splits the stream into `count` contiguous ranges of `ids` of about equal length, each
    /// starting at a sentence start, for one worker thread each.
    public func shards(_ count: Int) -> [Range<Int>] {
        precondition(count >= 1)
        var bounds = [0]
        for k in 1..<count {
            var b = max(ids.count * k / count, bounds.last!)
            while b < ids.count && b > 0 && ids[b - 1] != EncodedCorpus.sentenceEnd { b += 1 }
            bounds.append(b)
        }
        bounds.append(ids.count)
        return (0..<count).map { bounds[$0]..<bounds[$0 + 1] }
    }

    /// Number of word tokens in `range` of `ids`.
    public func tokens(in range: Range<Int>) -> Int {
        var n = 0
        for i in range where ids[i] != EncodedCorpus.sentenceEnd { n += 1 }
        return n
    }
}

/// Append-only UInt32 stream that spills to an unlinked temporary file and can then be
/// memory-mapped read-write for the in-place remapping pass.
struct SpillStream {
    let fd: Int32
    var buffer: UnsafeMutablePointer<UInt32>
    var used = 0
    let capacity = 1 << 20
    private(set) var written = 0 // values already in the file

    init() throws {
        fd = try ScratchFile.create(in: ScratchFile.defaultDirectory(), prefix: "mt2st-corpus")
        buffer = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func append(_ value: UInt32) throws {
        if used == capacity { try flush() }
        buffer[used] = value
        used += 1
    }

    mutating func flush() throws {
        let code = writeFully(fd, buffer, count: used * 4)
        guard code == 0 else {
            throw FileError.cannotWrite(path: "temporary corpus file in \(ScratchFile.defaultDirectory())",
                                        reason: errnoDescription(code))
        }
        written += used
        used = 0
    }

    var count: Int { written + used }

    /// Flushes and maps the whole stream read-write. The caller owns the mapping.
    mutating func map() throws -> (UnsafeMutablePointer<UInt32>?, Int) {
        try flush()
        buffer.deallocate()
        defer { close(fd) }
        guard written > 0 else { return (nil, 0) }
        guard let p = mmap(nil, written * 4, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0),
              p != MAP_FAILED else {
            throw FileError.cannotWrite(path: "temporary corpus file", reason: "mmap: \(errnoDescription())")
        }
        return (p.assumingMemoryBound(to: UInt32.self), written)
    }
}
