import Foundation
import XCTest

/// A fresh temporary directory per test, removed at the end.
final class TemporaryDirectory {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "mt2st-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String, _ contents: [UInt8]) -> String {
        let p = path + "/" + name
        FileManager.default.createFile(atPath: p, contents: Data(contents))
        return p
    }

    func file(_ name: String, _ text: String) -> String { file(name, Array(text.utf8)) }

    /// Writes `text` gzip-compressed (by the system's gzip) and returns the path.
    func gzipFile(_ name: String, _ contents: [UInt8]) -> String {
        let plain = file(name, contents)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-n", "-f", plain]
        try! process.run()
        process.waitUntilExit()
        precondition(process.terminationStatus == 0)
        return plain + ".gz"
    }

    func read(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path)!) }
}
