/// Why a FastText model file cannot be read. Each message is one line naming the file.
public enum ModelFileError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case notAModelFile(path: String)
    case supervised(path: String, quantized: Bool)
    case quantized(path: String)
    case unsupportedFastTextVersion(path: String, version: Int32)
    case truncatedIn(path: String, actualBytes: Int, section: String)
    case unrepresentable(path: String, reason: String)
    case unsupportedVersion(path: String, version: UInt32)
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    case corrupt(path: String, byteOffset: Int, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): cannot open: \(reason)"
        case let .notAModelFile(path):
            return "\(path): not a model file (neither fastText's .bin magic number \(FastTextBinFile.magic) nor mt2st-embed's '\(FastTextModelFile.magicString)' at byte 0)"
        case let .supervised(path, quantized):
            return "\(path): a supervised fastText model (text classifier\(quantized ? ", quantized .ftz" : "")), not a word-vector model: train one with 'fasttext skipgram' or 'fasttext cbow'"
        case let .quantized(path):
            return "\(path): a quantized fastText model (.ftz): its vectors are compressed; use the .bin it was quantized from"
        case let .unsupportedFastTextVersion(path, version):
            return "\(path): fastText model format version \(version); this mt2st-embed reads versions 11 and 12 (fastText 0.1 to 0.9.2)"
        case let .truncatedIn(path, actual, section):
            return "\(path): truncated model file: \(actual) bytes, ends inside the \(section)"
        case let .unrepresentable(path, reason):
            return "\(path): cannot write a fastText model: \(reason)"
        case let .unsupportedVersion(path, version):
            return "\(path): model file format version \(version); this mt2st-embed reads version \(FastTextModelFile.version)"
        case let .truncated(path, expected, actual):
            return "\(path): truncated model file: \(actual) bytes, the header announces \(expected)"
        case let .corrupt(path, offset, reason):
            return "\(path): corrupt model file at byte \(offset): \(reason)"
        }
    }
}
