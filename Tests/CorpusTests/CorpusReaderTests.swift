import XCTest
import Corpus

final class CorpusReaderTests: XCTestCase {
    func readAll(_ path: String, pipelined: Bool = false, chunkSize: Int = 4096) throws -> [UInt8] {
        var out: [UInt8] = []
        let reader = CorpusReader(path: path, chunkSize: chunkSize)
        if pipelined {
            try reader.forEachChunkPipelined { out.append(contentsOf: $0) }
        } else {
            try reader.forEachChunk { out.append(contentsOf: $0) }
        }
        return out
    }

    func sampleText(_ lines: Int) -> [UInt8] {
        var rng = Xoshiro256(seed: 7)
        var s = ""
        for i in 0..<lines { s += "line \(i) word\(rng.below(1000)) ünïcødé text\n" }
        return Array(s.utf8)
    }

    func testPlainAndGzipGiveTheSameBytesWhateverTheName() throws {
        let dir = TemporaryDirectory()
        let text = sampleText(5000)
        let plain = dir.file("plain.gz", text) // misleading extension: detection is by magic bytes
        let gz = dir.gzipFile("compressed.txt", text)
        XCTAssertEqual(try readAll(plain), text)
        XCTAssertEqual(try readAll(gz), text)
        XCTAssertEqual(try readAll(gz, pipelined: true), text)
        XCTAssertEqual(try readAll(plain, pipelined: true), text)
    }

    func testMultiMemberGzipIsReadToTheEnd() throws {
        let dir = TemporaryDirectory()
        let a = dir.read(dir.gzipFile("a.txt", Array("first member\n".utf8)))
        let b = dir.read(dir.gzipFile("b.txt", Array("second member\n".utf8)))
        let both = dir.file("both.gz", a + b)
        XCTAssertEqual(String(decoding: try readAll(both), as: UTF8.self), "first member\nsecond member\n")
    }

    func testTruncatedGzipNamesFileAndOffset() throws {
        let dir = TemporaryDirectory()
        let full = dir.read(dir.gzipFile("t.txt", sampleText(3000)))
        let cut = dir.file("cut.gz", Array(full[0..<(full.count / 2)]))
        for pipelined in [false, true] {
            XCTAssertThrowsError(try readAll(cut, pipelined: pipelined)) { error in
                let message = String(describing: error)
                XCTAssertTrue(message.contains("cut.gz"), message)
                XCTAssertTrue(message.contains("truncated"), message)
                XCTAssertTrue(message.contains("\(full.count / 2)"), message)
            }
        }
    }

    func testBadCRCIsAnError() throws {
        let dir = TemporaryDirectory()
        var bytes = dir.read(dir.gzipFile("c.txt", sampleText(100)))
        bytes[bytes.count - 8] ^= 0xff // first byte of the CRC32 trailer
        let bad = dir.file("badcrc.gz", bytes)
        XCTAssertThrowsError(try readAll(bad)) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains("badcrc.gz") && message.contains("corrupt"), message)
        }
    }

    func testGarbageInsideTheDeflateStreamIsAnError() throws {
        let dir = TemporaryDirectory()
        var bytes = dir.read(dir.gzipFile("g.txt", sampleText(2000)))
        for i in 40..<80 { bytes[i] = 0xff }
        let bad = dir.file("garbage.gz", bytes)
        XCTAssertThrowsError(try readAll(bad, pipelined: true)) { error in
            XCTAssertTrue(String(describing: error).contains("garbage.gz"))
        }
    }

    func testMissingFileAndDirectory() {
        let dir = TemporaryDirectory()
        XCTAssertThrowsError(try readAll(dir.path + "/nope.txt")) { error in
            XCTAssertEqual(String(describing: error), "\(dir.path)/nope.txt: cannot open: No such file or directory")
        }
        XCTAssertThrowsError(try readAll(dir.path)) { error in
            XCTAssertTrue(String(describing: error).contains("is a directory"))
        }
    }

    func testConsumerErrorStopsThePipeline() {
        let dir = TemporaryDirectory()
        let path = dir.file("big.txt", sampleText(20000))
        struct Stop: Error {}
        var calls = 0
        XCTAssertThrowsError(try CorpusReader(path: path, chunkSize: 4096).forEachChunkPipelined { _ in
            calls += 1
            if calls == 3 { throw Stop() }
        }) { XCTAssertTrue($0 is Stop) }
        XCTAssertEqual(calls, 3)
    }
}
