import EmbedBase
import Corpus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which part of the input each process reads. With at least as many files as processes, whole
/// files go to processes, largest first to the least loaded (by bytes), so shares are about even
/// and no file is read twice. With fewer files, they must be plain text: their bytes, taken end
/// to end, are cut into equal byte ranges, each read from its first whole line to the end of the
/// line it ends in (`CorpusSource.lines`). A gzip file cannot be cut: that is an error saying to
/// split it into shards. Standard input cannot be shared.
public enum InputShares {
    public static func share(_ sources: [CorpusSource], rank: Int, size: Int) throws -> [CorpusSource] {
        precondition(size >= 1 && rank >= 0 && rank < size)
        if size == 1 { return sources }
        if sources.contains(.standardInput) {
            throw DistributedError.unsupported("standard input (--input -) cannot be shared between \(size) processes; give files or a directory of shards")
        }
        let sizes = try sources.map { try fileSize($0.path) }
        if sources.count >= size {
            var load = [Int64](repeating: 0, count: size)
            var owner = [Int](repeating: 0, count: sources.count)
            let bySize = sources.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
            for i in bySize {
                let r = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
                owner[i] = r
                load[r] += sizes[i]
            }
            return sources.indices.filter { owner[$0] == rank }.map { sources[$0] }
        }
        if let gzip = try sources.first(where: { try isGzip($0.path) }) {
            throw CorpusError.cannotSplitGzip(path: gzip.path)
        }
        let total = sizes.reduce(0, +)
        let lower = total * Int64(rank) / Int64(size), upper = total * Int64(rank + 1) / Int64(size)
        var shares: [CorpusSource] = []
        var offset: Int64 = 0
        for (source, bytes) in zip(sources, sizes) {
            let start = max(lower, offset), end = min(upper, offset + bytes)
            if start < end { shares.append(.lines(source.path, (start - offset)..<(end - offset))) }
            offset += bytes
        }
        return shares
    }

    static func fileSize(_ path: String) throws -> Int64 {
        var st = stat()
        guard stat(path, &st) == 0 else { throw FileError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        return Int64(st.st_size)
    }

    static func isGzip(_ path: String) throws -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var magic: (UInt8, UInt8) = (0, 0)
        return read(fd, &magic, 2) == 2 && magic == (0x1f, 0x8b)
    }
}
