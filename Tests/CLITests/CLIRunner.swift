import Foundation
import XCTest

/// The directory holding the built products (the `mt2st-embed` binary sits next to the test bundle).
func productsDirectory() -> URL {
    #if os(macOS)
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        return bundle.bundleURL.deletingLastPathComponent()
    }
    #endif
    return Bundle.main.bundleURL
}

/// Runs the built `mt2st-embed` with `args` (and `stdin` text, if given; otherwise empty input),
/// returning its exit status and everything it printed.
func runCLI(_ args: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let binary = productsDirectory().appendingPathComponent("mt2st-embed")
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mt2st-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = binary
    process.arguments = args
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    try out.close(); try err.close()
    return (process.terminationStatus,
            String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// A temporary directory removed when the object goes away.
final class CLITempDirectory {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("mt2st-cli-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `contents` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: String) -> String { write(name, Data(contents.utf8)) }

    @discardableResult
    func write(_ name: String, _ contents: Data) -> String {
        let p = path(name)
        _ = FileManager.default.createFile(atPath: p, contents: contents)
        return p
    }
}
