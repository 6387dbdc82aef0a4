/// Everything that can go wrong in the GloVe pipeline. Each message is one line that says what
/// to change.
public enum GloVeError: Error, CustomStringConvertible, Equatable {
    case invalidOption(String)
    /// The `--memory` budget cannot hold the vocabulary-sized structures of co-occurrence counting.
    case memoryTooSmall(budgetBytes: Int, neededBytes: Int, vocabularySize: Int)
    /// A temporary file could not be created, written or read.
    case temporaryFile(directory: String, reason: String)
    /// The cost became NaN or infinite.
    case diverged(epoch: Int, cost: Double)

    public var description: String {
        switch self {
        case let .invalidOption(message):
            return message
        case let .memoryTooSmall(budget, needed, vocabularySize):
            return "--memory \(GloVeError.gigabytes(budget)) GB is too small for co-occurrence counting over "
                + "\(vocabularySize) words: it needs at least \(GloVeError.gigabytes(needed)) GB "
                + "(\(needed / 1_048_576 + 1) MiB); raise --memory or lower --max-vocab"
        case let .temporaryFile(directory, reason):
            return "\(directory): cannot use temporary files there: \(reason) (set --temp-dir or TMPDIR to a writable folder with free space)"
        case let .diverged(epoch, cost):
            return "training diverged in epoch \(epoch) (cost \(cost)); lower --alpha (the learning rate) or raise --x-max"
        }
    }

    static func gigabytes(_ bytes: Int) -> String {
        let g = Double(bytes) / 1_073_741_824
        if g >= 0.1 { return String(Double(Int(g * 100 + 0.5)) / 100) }
        return String(Double(Int(g * 100_000 + 0.5)) / 100_000)
    }
}
