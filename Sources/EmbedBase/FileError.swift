#if canImport(Glibc)
import EmbedBase
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be opened, read or written: one line naming the file.
public enum FileError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "\(path): cannot open: \(reason)"
        case let .readFailed(path, reason): return "\(path): read failed: \(reason)"
        case let .cannotWrite(path, reason): return "\(path): cannot write: \(reason)"
        }
    }

    /// The reason alone (the system's text), for callers that report it in their own error type.
    public var reason: String {
        switch self {
        case let .cannotOpen(_, reason), let .readFailed(_, reason), let .cannotWrite(_, reason): return reason
        }
    }
}

/// The text of the current `errno`.
public func errnoDescription(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
