#if canImport(Glibc)
import EmbedBase
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One piece of corpus text: a whole file (plain or gzip), standard input, or the lines of a plain
/// file that start in a byte range (a share of one large file in a distributed run).
public enum CorpusSource: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case standardInput
    case lines(String, Range<Int64>)

    /// How `--input` spells standard input.
    public static let standardInputArgument = "-"

    /// The file's path, or "-" for standard input.
    public var path: String {
        switch self {
        case let .file(p), let .lines(p, _): return p
        case .standardInput: return CorpusSource.standardInputArgument
        }
    }

    public var description: String {
        switch self {
        case let .file(p): return p
        case .standardInput: return "standard input"
        case let .lines(p, r): return "\(p) (bytes \(r.lowerBound)..<\(r.upperBound))"
        }
    }

    /// A reader of this source's bytes.
    public func reader(chunkSize: Int = 1 << 20) -> CorpusReader {
        switch self {
        case let .file(p): return CorpusReader(path: p, chunkSize: chunkSize)
        case .standardInput: return CorpusReader(path: CorpusSource.standardInputArgument, chunkSize: chunkSize)
        case let .lines(p, r): return CorpusReader(path: p, chunkSize: chunkSize, lineRange: r)
        }
    }

    /// Expands `--input` arguments, in the order given: a file stays a file, a directory becomes
    /// its regular files sorted by name (hidden files and subdirectories skipped), "-" is
    /// standard input (at most once). A missing path, an empty directory or a repeated file is an
    /// error naming it.
    public static func resolve(_ arguments: [String]) throws -> [CorpusSource] {
        guard !arguments.isEmpty else { throw CorpusError.invalidOption("--input: give at least one file, directory or -") }
        var sources: [CorpusSource] = []
        var seen = Set<String>()
        func add(_ path: String) throws {
            guard seen.insert(path).inserted else {
                throw CorpusError.invalidOption("--input: \(path) is given more than once")
            }
            sources.append(path == standardInputArgument ? .standardInput : .file(path))
        }
        for argument in arguments {
            if argument == standardInputArgument { try add(argument); continue }
            var st = stat()
            guard stat(argument, &st) == 0 else {
                throw FileError.cannotOpen(path: argument, reason: errnoDescription())
            }
            guard (st.st_mode & S_IFMT) == S_IFDIR else { try add(argument); continue }
            let files = try regularFiles(in: argument)
            guard !files.isEmpty else { throw FileError.cannotOpen(path: argument, reason: "directory holds no corpus file") }
            for f in files { try add(f) }
        }
        return sources
    }

    /// Regular files (or links to them) of `directory`, not hidden, sorted by name bytes.
    static func regularFiles(in directory: String) throws -> [String] {
        guard let dir = opendir(directory) else { throw FileError.cannotOpen(path: directory, reason: errnoDescription()) }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name.isEmpty || name[0] == UInt8(ascii: ".") { continue }
            names.append(name)
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return names.map { base + String(decoding: $0, as: UTF8.self) }.filter { path in
            var st = stat()
            return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
        }
    }

    /// A short name for messages about several sources: the first, and how many more.
    public static func summary(_ sources: [CorpusSource]) -> String {
        guard let first = sources.first else { return "(no input)" }
        return sources.count == 1 ? first.description : "\(first.description) and \(sources.count - 1) more"
    }
}
