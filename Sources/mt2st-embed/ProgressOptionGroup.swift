import ArgumentParser
import Foundation

enum ProgressFormat: String, ExpressibleByArgument, CaseIterable {
    case human
    case json
}

/// `--progress` and `--progress-file`, shared by `train` and `experiment`.
struct ProgressOptionGroup: ParsableArguments {
    @Option(name: .long, help: "Progress format: human (a line refreshed in place, one line per epoch) or json (one JSON object per line; fields in the README).")
    var progress: ProgressFormat = .human

    @Option(name: .long, help: ArgumentHelp("With --progress json: write the JSON lines to this file (created or truncated) instead of stderr.", valueName: "file"))
    var progressFile: String?

    func validate() throws {
        if progressFile != nil && progress != .json { throw ValidationError("--progress-file needs --progress json") }
    }

    /// The JSON line sink (nil for human progress), opened now so a bad path fails before any work.
    func jsonSink() throws -> JSONLines? {
        guard progress == .json else { return nil }
        return try JSONLines(path: progressFile)
    }
}

/// Writes one JSON object per line (JSONEncoder, sorted keys), to stderr or a file, flushed at
/// each line so a script can follow it.
final class JSONLines {
    let handle: FileHandle
    let encoder: JSONEncoder

    init(path: String?) throws {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let path else { handle = FileHandle.standardError; return }
        try OutputPath.checkWritable(path)
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw ValidationError("\(path): cannot write the progress file")
        }
        handle = h
    }

    func emit<T: Encodable>(_ value: T) {
        guard var data = try? encoder.encode(value) else { return }
        data.append(0x0a)
        handle.write(data)
    }
}

/// A finite value, or nil (JSON has no NaN: such a field is left out).
func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
