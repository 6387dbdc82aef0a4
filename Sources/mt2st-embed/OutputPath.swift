import Corpus
import EmbedBase
import Foundation

/// Checks, before any work, that an output file can be created where asked.
enum OutputPath {
    static func checkWritable(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw FileError.cannotWrite(path: path, reason: "is a directory")
        }
        let probe = path + ".probe-\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw FileError.cannotWrite(path: path, reason: errnoDescription()) }
        close(fd)
        unlink(probe)
    }

    /// Makes sure `path` is a directory, creating it (and its parents) when missing; returns
    /// whether it was created (so a failed command can remove it again).
    @discardableResult
    static func createDirectory(_ path: String) throws -> Bool {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw FileError.cannotWrite(path: path, reason: "exists and is not a directory") }
            return false
        }
        do { try fm.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw FileError.cannotWrite(path: path, reason: "cannot create the directory")
        }
        return true
    }
}
