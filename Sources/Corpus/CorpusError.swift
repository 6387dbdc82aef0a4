/// Everything that can go wrong in the contents of a corpus or a vocabulary file (opening, reading
/// and writing files: `FileError`). Each message is one line naming the file, and the byte offset
/// or line number where that applies.
public enum CorpusError: Error, CustomStringConvertible, Equatable {
    case corruptGzip(path: String, byteOffset: Int, reason: String)
    case truncatedGzip(path: String, byteOffset: Int)
    case emptyCorpus(path: String)
    case noWordReachesMinCount(path: String, minCount: Int, distinctWords: Int)
    case invalidOption(String)
    case badVocabularyLine(path: String, line: Int, reason: String)
    case cannotSplitGzip(path: String)

    public var description: String {
        switch self {
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
        case let .cannotSplitGzip(path):
            return "\(path): a gzip file cannot be split between processes; split the text into at least one file per process "
                + "(e.g. zcat \(path) | split -l 1000000 - shard.) and pass the files or their directory"
        }
    }
}
