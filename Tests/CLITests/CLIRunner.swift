import Foundation
import XCTest

/// Runs the built `mt2st-embed` binary (built beside the test bundle) end to end.
enum CLI {
    static var binary: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("mt2st-embed")
        }
        fatalError("couldn't find the products directory")
        #else
        return Bundle.main.bundleURL.appendingPathComponent("mt2st-embed")
        #endif
    }

    /// The package's root folder (this file is Tests/CLITests/CLIRunner.swift).
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the tool with `args` (and `stdin` piped in, if given), waits, and captures everything.
    @discardableResult
    static func run(_ args: [String], stdin: String? = nil, environment: [String: String]? = nil) throws -> Result {
        try run(executable: binary, args, stdin: stdin, environment: environment)
    }

    /// Runs another program (found on PATH through /usr/bin/env), e.g. fastText or python3.
    @discardableResult
    static func runTool(_ name: String, _ args: [String], stdin: String? = nil) throws -> Result {
        try run(executable: URL(fileURLWithPath: "/usr/bin/env"), [name] + args, stdin: stdin, environment: nil)
    }

    static func run(executable: URL, _ args: [String], stdin: String?, environment: [String: String]?) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = args
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin.data(using: .utf8)!) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a large output on one cannot block the other.
        final class Captured: @unchecked Sendable { var data = Data() }
        let errData = Captured()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.data, as: UTF8.self))
    }
}

/// A fresh temporary directory per test, removed at the end.
final class Scratch {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "mt2st-cli-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` in the directory.
    func at(_ name: String) -> String { path + "/" + name }

    /// Writes `contents` to `name` in the directory and returns its path.
    @discardableResult
    func file(_ name: String, _ contents: String) -> String { file(name, Data(contents.utf8)) }

    @discardableResult
    func file(_ name: String, _ contents: Data) -> String {
        let p = at(name)
        _ = FileManager.default.createFile(atPath: p, contents: contents)
        return p
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }

    /// Names of the files in the directory (to check that nothing half-written was left).
    var listing: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? [] }

    static let topics = [["king", "queen", "royal", "crown", "palace"], ["dog", "cat", "pet", "puppy", "kitten"],
                         ["car", "road", "drive", "wheel", "engine"], ["sun", "moon", "star", "sky", "planet"]]

    /// A small corpus with a planted structure: `lines` lines drawn from a few topics.
    func syntheticCorpus(_ name: String = "corpus.txt", lines: Int = 2000, seed: UInt64 = 1,
                         topics: [[String]] = Scratch.topics) -> String {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var text = ""
        for _ in 0..<lines {
            let topic = topics[next() % topics.count]
            text += (0..<12).map { _ in next() % 4 == 0 ? "the" : topic[next() % topic.count] }.joined(separator: " ") + "\n"
        }
        return file(name, text)
    }
}
