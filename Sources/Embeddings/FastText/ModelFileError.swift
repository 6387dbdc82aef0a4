/// Why a FastText model file cannot be read. Each message is one line naming the file.
public enum ModelFileError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case notAModelFile(path: String)
    case fastTextBinary(path: String)
    case unsupportedVersion(path: String, version: UInt32)
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    case corrupt(path: String, byteOffset: Int, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): cannot open: \(reason)"
        case let .notAModelFile(path):
            return "\(path): not an mt2st-embed model file (no '\(FastTextModelFile.magicString)' magic number at byte 0)"
        case let .fastTextBinary(path):
            return "\(path): this is a fastText .bin model, not an mt2st-embed model file (train with 'mt2st-embed train --model fasttext --save-model FILE', or use fastText's .vec with --vectors)"
        case let .unsupportedVersion(path, version):
            return "\(path): model file format version \(version); this mt2st-embed reads version \(FastTextModelFile.version)"
        case let .truncated(path, expected, actual):
            return "\(path): truncated model file: \(actual) bytes, the header announces \(expected)"
        case let .corrupt(path, offset, reason):
            return "\(path): corrupt model file at byte \(offset): \(reason)"
        }
    }
}
