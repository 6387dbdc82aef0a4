/// Everything that can go wrong while reading a corpus or a vocabulary file. Each message is one
/// line naming the file, and the byte offset or line number where that applies.
public enum CorpusError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    case corruptGzip(path: String, byteOffset: Int, reason: String)
    case truncatedGzip(path: String, byteOffset: Int)
    case emptyCorpus(path: String)
    case noWordReachesMinCount(path: String, minCount: Int, distinctWords: Int)
    case invalidOption(String)
    case badVocabularyLine(path: String, line: Int, reason: String)
    case cannotWrite(path: String, reason: String)
    case cannotSplitGzip(path: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): cannot open: \(reason)"
        case let .readFailed(path, reason):
            return "\(path): read failed: \(reason)"
        case let .corruptGzip(path, offset, reason):
            return "\(path): corrupt gzip data at compressed byte \(offset): \(reason)"
        case let .truncatedGzip(path, offset):
            return "\(path): truncated gzip stream (file ends at byte \(offset) in the middle of a member)"
        case let .emptyCorpus(path):
            return "\(path): empty corpus (no tokens)"
        case let .noWordReachesMinCount(path, minCount, distinct):
            return "\(path): no word occurs at least \(minCount) times (\(distinct) distinct words); lower --min-count"
        case let .invalidOption(message):
            return message
        case let .badVocabularyLine(path, line, reason):
            return "\(path):\(line): \(reason)"
        case let .cannotWrite(path, reason):
            return "\(path): cannot write: \(reason)"
        case let .cannotSplitGzip(path):
            return "\(path): a gzip file cannot be split between processes; split the text into at least one file per process "
                + "(e.g. zcat \(path) | split -l 1000000 - shard.) and pass the files or their directory"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of the current `errno`.
@usableFromInline
func errnoDescription(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
