import Corpus
@testable import EmbedBase
import Foundation
import XCTest

final class AtomicFileTests: XCTestCase {
    override func tearDown() { AtomicFile.anonymousFiles = true }

    func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    func testWritesReplaceAndLeaveNoTemporaryName() throws {
        for anonymous in [true, false] {
            AtomicFile.anonymousFiles = anonymous
            let dir = TemporaryDirectory()
            let path = dir.file("out.txt", "old")
            try AtomicFile.write(Array("new".utf8), to: path)
            XCTAssertEqual(contents(path), "new")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["out.txt"])
            XCTAssertEqual(TemporaryNames.withLock { $0.count }, 0)
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            XCTAssertEqual(mode.map { $0 & 0o600 }, 0o600)
        }
    }

    func testAFailedWriteKeepsTheOldFile() throws {
        for anonymous in [true, false] {
            AtomicFile.anonymousFiles = anonymous
            let dir = TemporaryDirectory()
            let path = dir.file("out.txt", "old")
            struct Boom: Error {}
            XCTAssertThrowsError(try AtomicFile.write(to: path) { sink in
                try sink.write("partial")
                throw Boom()
            })
            XCTAssertEqual(contents(path), "old")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["out.txt"])
        }
    }

    /// A transaction renames all of its files or none: the second output failing (its folder is
    /// missing) leaves the first file's old content.
    func testTransactionIsAllOrNothing() throws {
        for anonymous in [true, false] {
            AtomicFile.anonymousFiles = anonymous
            let dir = TemporaryDirectory()
            let first = dir.file("vectors.txt", "old vectors")
            XCTAssertThrowsError(try OutputTransaction.run {
                try AtomicFile.write(Array("new vectors".utf8), to: first)
                XCTAssertEqual(contents(first), "old vectors")  // not before the end
                try AtomicFile.write(Array("model".utf8), to: dir.path + "/missing/model.bin")
            }) { error in XCTAssertTrue("\(error)".contains("missing/model.bin: cannot write"), "\(error)") }
            XCTAssertEqual(contents(first), "old vectors")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["vectors.txt"])

            try OutputTransaction.run {
                try AtomicFile.write(Array("new vectors".utf8), to: first)
                try AtomicFile.write(Array("vocab".utf8), to: dir.path + "/vocab.txt")
            }
            XCTAssertEqual(contents(first), "new vectors")
            XCTAssertEqual(contents(dir.path + "/vocab.txt"), "vocab")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["vectors.txt", "vocab.txt"])
        }
    }

    /// The last output of a commit cannot be renamed (its destination is a folder): no file of the
    /// commit is renamed, and no temporary name is left.
    func testCommitFailureRemovesEveryTemporaryName() throws {
        AtomicFile.anonymousFiles = false
        let dir = TemporaryDirectory()
        let a = dir.file("a.txt", "old a")
        try FileManager.default.createDirectory(atPath: dir.path + "/b.txt", withIntermediateDirectories: true)
        _ = dir.file("b.txt/keep", "x")
        XCTAssertThrowsError(try OutputTransaction.run {
            try AtomicFile.write(Array("new a".utf8), to: a)
            try AtomicFile.write(Array("new b".utf8), to: dir.path + "/b.txt")
        })
        XCTAssertEqual(contents(a), "old a")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["a.txt", "b.txt"])
        XCTAssertEqual(TemporaryNames.withLock { $0.count }, 0)
    }

    /// What SIGINT/SIGTERM do: remove every registered name (files and folders).
    func testRegisteredNamesAreRemoved() throws {
        let dir = TemporaryDirectory()
        let file = dir.file("half.tmp", "partial")
        try FileManager.default.createDirectory(atPath: dir.path + "/staging/deeper", withIntermediateDirectories: true)
        _ = dir.file("staging/deeper/x", "x")
        let keys = [TemporaryNames.register(file), TemporaryNames.register(dir.path + "/staging", isDirectory: true)]
        XCTAssertEqual(TemporaryNames.withLock { $0.removeAll() }, 2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
        keys.forEach(TemporaryNames.forget)
    }
}
