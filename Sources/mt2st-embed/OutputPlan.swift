import Corpus
import Foundation

/// Every file a command reads and writes, checked before any work: no output may be an input
/// (same real path, or the same file by device and inode: a hard or symbolic link to it), and no
/// two outputs may be the same file. A collision is a one-line error naming both options.
struct OutputPlan {
    private(set) var inputs: [(option: String, path: String)] = []
    private(set) var outputs: [(option: String, path: String)] = []

    /// Adds an input (nil and standard input, "-", are ignored).
    mutating func input(_ option: String, _ path: String?) {
        if let path, path != "-" { inputs.append((option, path)) }
    }

    mutating func inputs(_ option: String, _ paths: [String]) { paths.forEach { input(option, $0) } }

    /// Adds an output file (nil is ignored).
    mutating func output(_ option: String, _ path: String?) {
        if let path { outputs.append((option, path)) }
    }

    /// Adds the files `names` that a command writes into the folder `directory`.
    mutating func outputs(_ option: String, directory: String, _ names: [String]) {
        for name in names { outputs.append(("\(option) (\(name))", directory + "/" + name)) }
    }

    /// A file's identity: its device and inode when it exists, and its real path (the real path of
    /// its folder joined with its name when it does not exist yet).
    struct Identity {
        let device: UInt64?
        let inode: UInt64?
        let path: String

        init(_ path: String) {
            var st = stat()
            if stat(path, &st) == 0 {
                device = UInt64(st.st_dev)
                inode = UInt64(st.st_ino)
            } else {
                device = nil
                inode = nil
            }
            self.path = Identity.realPath(path)
        }

        static func realPath(_ path: String) -> String {
            if let resolved = realpath(path, nil) {
                defer { free(resolved) }
                return String(cString: resolved)
            }
            let url = URL(fileURLWithPath: path)
            let folder = url.deletingLastPathComponent().path
            if let resolved = realpath(folder, nil) {
                defer { free(resolved) }
                return String(cString: resolved) + "/" + url.lastPathComponent
            }
            return url.standardizedFileURL.path
        }

        func same(as other: Identity) -> Bool {
            if let device, let inode, device == other.device, inode == other.inode { return true }
            return path == other.path
        }
    }

    /// Throws on the first output that is an input or another output.
    func check() throws {
        let ins = inputs.map { ($0, Identity($0.path)) }
        var seen: [((option: String, path: String), Identity)] = []
        for out in outputs {
            let id = Identity(out.path)
            if let (input, _) = ins.first(where: { $0.1.same(as: id) }) {
                throw CorpusError.invalidOption(
                    "\(out.option) \(out.path) is the same file as \(input.option) \(input.path): refusing to overwrite an input")
            }
            if let (other, _) = seen.first(where: { $0.1.same(as: id) }) {
                throw CorpusError.invalidOption(
                    "\(out.option) \(out.path) and \(other.option) \(other.path) are the same file: give each output its own path")
            }
            seen.append((out, id))
        }
    }
}
