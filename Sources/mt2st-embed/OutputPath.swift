import Corpus
import Foundation

/// Checks, before any work, that an output file can be created where asked.
enum OutputPath {
    static func checkWritable(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CorpusError.cannotWrite(path: path, reason: "is a directory")
        }
        let probe = path + ".probe-\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw CorpusError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        close(fd)
        unlink(probe)
    }
}
