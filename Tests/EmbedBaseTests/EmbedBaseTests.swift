import EmbedBase
import Foundation
import XCTest

final class EmbedBaseTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "mt2st-base-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(atPath: directory) }

    func write(_ name: String, _ text: String) -> String {
        let path = directory + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func assertThrows(_ body: @autoclosure () throws -> Any, _ message: String, line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { XCTAssertEqual("\($0)", message, line: line) }
    }

    // MARK: - hashing

    func testFNV1aMatchesTheReferenceValues() {
        func h64(_ s: String) -> UInt64 { Array(s.utf8).withUnsafeBytes { FNV1a.hash64($0) } }
        func h32(_ s: String) -> UInt32 { Array(s.utf8).withUnsafeBytes { FNV1a.hash32($0) } }
        // Test vectors of the FNV reference (isthe.com/chongo/tech/comp/fnv).
        XCTAssertEqual(h64(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(h64("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(h64("foobar"), 0x8594_4171_f739_67e8)
        XCTAssertEqual(h32(""), 0x811c_9dc5)
        XCTAssertEqual(h32("a"), 0xe40c_292c)
        XCTAssertEqual(h32("foobar"), 0xbf9c_f968)
        var h = FNV1a.basis32
        for b in "foobar".utf8 { h = FNV1a.step32(h, b) }
        XCTAssertEqual(h, h32("foobar"))
    }

    // MARK: - reading files

    func testByteFileHoldsTheBytesAndATrailingNul() throws {
        let file = try ByteFile(path: write("a.txt", "one\ntwo\nthree"))
        XCTAssertEqual(Array(file.bytes), Array("one\ntwo\nthree".utf8))
        XCTAssertEqual(file.base[file.count], 0)
        XCTAssertEqual(file.lineNumber(at: 0), 1)
        XCTAssertEqual(file.lineNumber(at: 8), 3)
        XCTAssertEqual(try ByteFile(path: write("e.txt", "")).count, 0)
    }

    func testMappedFileMapsTheWholeFile() throws {
        let file = try MappedFile(path: write("m.bin", "mapped bytes"))
        XCTAssertEqual(file.size, 12)
        XCTAssertEqual(Array(UnsafeRawBufferPointer(start: file.base, count: file.size)), Array("mapped bytes".utf8))
        XCTAssertEqual(try MappedFile(path: write("empty.bin", "")).size, 0)
    }

    func testOpeningFailuresNameTheFile() {
        let missing = directory + "/missing"
        assertThrows(try ByteFile(path: missing), "\(missing): cannot open: No such file or directory")
        assertThrows(try MappedFile(path: missing), "\(missing): cannot open: No such file or directory")
        assertThrows(try ByteFile(path: directory), "\(directory): cannot open: is a directory")
        assertThrows(try InputFile(path: directory), "\(directory): cannot open: is a directory")
        assertThrows(try MappedFile(path: directory), "\(directory): cannot open: not a regular file")
        assertThrows(try MappedFile(path: "/dev/null"), "/dev/null: cannot open: not a regular file")
    }

    func testInputFileReadsUntilFullOrEnd() throws {
        let file = try InputFile(path: write("r.txt", "0123456789"))
        defer { file.close() }
        XCTAssertEqual(file.size, 10)
        var buffer = [UInt8](repeating: 0, count: 8)
        XCTAssertEqual(try buffer.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, capacity: 8) }, 8)
        XCTAssertEqual(try buffer.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, capacity: 8) }, 2)
        XCTAssertEqual(Array(buffer[0..<2]), Array("89".utf8))
        XCTAssertEqual(try buffer.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, capacity: 8) }, 0)
    }

    // MARK: - atomic writes

    func testAtomicFileReplacesOnlyOnSuccess() throws {
        let path = write("out.txt", "old")
        try AtomicFile.write(Array("new".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        struct Stop: Error {}
        XCTAssertThrowsError(try AtomicFile.write(to: path) { sink in
            try sink.write("partial")
            throw Stop()
        })
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["out.txt"])
        let unwritable = directory + "/no/such/dir/out.txt"
        XCTAssertThrowsError(try AtomicFile.write(Array("x".utf8), to: unwritable)) {
            XCTAssertTrue("\($0)".hasPrefix("\(unwritable): cannot write: "), "\($0)")
        }
    }

    func testAtomicFileStreamsLargeWrites() throws {
        let path = directory + "/big.bin"
        let block = [UInt8](repeating: 7, count: 3 << 20)
        try AtomicFile.write(to: path) { sink in
            try sink.write("head")
            try sink.write(block)
            try sink.write("tail")
        }
        let data = try XCTUnwrap(FileManager.default.contents(atPath: path))
        XCTAssertEqual(data.count, 4 + block.count + 4)
        XCTAssertEqual(Array(data.prefix(4)), Array("head".utf8))
        XCTAssertEqual(Array(data.suffix(4)), Array("tail".utf8))
    }

    // MARK: - scratch files and full reads/writes

    func testScratchFilesLeaveNothingOnDisk() throws {
        let fd = try ScratchFile.create(in: directory, prefix: "scratch")
        defer { close(fd) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [])
        let text = Array("positional bytes".utf8)
        XCTAssertEqual(text.withUnsafeBytes { writeFully(fd, $0.baseAddress!, count: $0.count, at: 100) }, 0)
        var back = [UInt8](repeating: 0, count: 64)
        let (n, code) = back.withUnsafeMutableBytes { readFully(fd, $0.baseAddress!, count: 64, at: 100) }
        XCTAssertEqual(code, 0)
        XCTAssertEqual(Array(back[0..<n]), text)
        let missing = directory + "/missing"
        assertThrows(try ScratchFile.create(in: missing, prefix: "x"),
                     "\(missing)/x-XXXXXX: cannot write: No such file or directory")
    }

    func testFullReadsAndWritesReportTheErrno() {
        var byte: UInt8 = 1
        XCTAssertEqual(writeFully(-1, &byte, count: 1), EBADF)
        XCTAssertEqual(readFully(-1, &byte, count: 1).error, EBADF)
        XCTAssertEqual(writeFully(-1, &byte, count: 0), 0, "nothing to write")
    }

    // MARK: - SIMD rows

    enum Rows: SIMDRowAccess {}

    func testSIMDRowsLoadAndStoreAtAnyAlignment() {
        var values = (0..<40).map(Float.init)
        values.withUnsafeMutableBufferPointer { p in
            let base = p.baseAddress!
            let v = Rows.load(base + 3)
            XCTAssertEqual(v[0], 3)
            XCTAssertEqual(v[15], 18)
            XCTAssertEqual(Rows.load8(base + 1)[7], 8)
            Rows.store(v * 2, base + 21)
        }
        XCTAssertEqual(Array(values[21..<37]), (3..<19).map { Float($0 * 2) })
        XCTAssertEqual(values[20], 20)
        XCTAssertEqual(values[37], 37)
    }

    // MARK: - formatting

    func testFormats() {
        XCTAssertEqual(Format.fixed(3.14159), "3.1")
        XCTAssertEqual(Format.fixed(3.14159, 3), "3.142")
        XCTAssertEqual(Format.fixed(.nan), "–")
        XCTAssertEqual(Format.fixed(nil, 2, missing: "—"), "—")
        XCTAssertEqual(Format.seconds(12.34), "12.3 s")
        XCTAssertEqual(Format.seconds(245), "4m05s")
        XCTAssertEqual(Format.seconds(7620), "2h07m")
        XCTAssertEqual(Format.count(950), "950")
        XCTAssertEqual(Format.count(12_345), "12.3k")
        XCTAssertEqual(Format.count(1_250_000), "1.25M")
        XCTAssertEqual(Format.bytes(512 * 1024), "512.0 KiB")
        XCTAssertEqual(Format.bytes(13_107_200), "12.5 MiB")
        XCTAssertEqual(Format.bytes(1_342_177_280), "1.25 GiB")
        XCTAssertEqual(Format.mebibytes(1_572_864), "2 MiB")
        XCTAssertEqual(Format.mebibytes(1_048_575), "1 MiB")
    }
}
