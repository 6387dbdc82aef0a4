/// Everything that can go wrong in the contents of vectors, analogy or similarity files (opening
/// and reading them: `FileError`). Each message is one line naming the file, and the line number
/// or byte offset where that applies.
public enum EvaluationError: Error, CustomStringConvertible, Equatable {
    case badLine(path: String, line: Int, reason: String)
    case badByte(path: String, byteOffset: Int, reason: String)
    case badFile(path: String, reason: String)
    case invalidOption(String)

    public var description: String {
        switch self {
        case let .badLine(path, line, reason):
            return "\(path):\(line): \(reason)"
        case let .badByte(path, offset, reason):
            return "\(path): at byte \(offset): \(reason)"
        case let .badFile(path, reason):
            return "\(path): \(reason)"
        case let .invalidOption(message):
            return message
        }
    }
}
