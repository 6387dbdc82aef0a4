import XCTest
@testable import Evaluation

final class VectorReaderTests: XCTestCase {
    let rows: [(String, [Float])] = [("the", [3, 4, 0]), ("Ünïcode", [0, 0, -2]), ("cat", [1, 1, 1]), ("zero", [0, 0, 0])]

    func checkContents(_ m: EmbeddingMatrix, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(m.count, 4, file: file, line: line)
        XCTAssertEqual(m.dim, 3, file: file, line: line)
        XCTAssertEqual((0..<4).map { m.words.word($0) }, ["the", "Ünïcode", "cat", "zero"], file: file, line: line)
        // Rows are unit-normalised: (3,4,0)/5, (0,0,-1), (1,1,1)/sqrt(3); a zero row stays zero.
        XCTAssertEqual(Array(UnsafeBufferPointer(start: m.row(0), count: 3)), [0.6, 0.8, 0], file: file, line: line)
        XCTAssertEqual(Array(UnsafeBufferPointer(start: m.row(1), count: 3)), [0, 0, -1], file: file, line: line)
        XCTAssertEqual(m.row(2)[0], 1 / Float(3).squareRoot(), accuracy: 1e-7, file: file, line: line)
        XCTAssertEqual(Array(UnsafeBufferPointer(start: m.row(3), count: 3)), [0, 0, 0], file: file, line: line)
        XCTAssertEqual(m.row(of: "cat"), 2, file: file, line: line)
        XCTAssertNil(m.row(of: "Cat"), file: file, line: line)
    }

    func testReadsAndDetectsEveryFormat() throws {
        let dir = TempDirectory()
        let text = try VectorReader.read(path: dir.write("v.txt", word2vecText(rows)))
        XCTAssertEqual(text.format, .text)
        checkContents(text)
        let glove = try VectorReader.read(path: dir.write("g.txt", word2vecText(rows, header: false)))
        XCTAssertEqual(glove.format, .glove)
        checkContents(glove)
        let binary = try VectorReader.read(path: dir.write("v.bin", word2vecBinary(rows)))
        XCTAssertEqual(binary.format, .binary)
        checkContents(binary)
        // Forced formats read the same files.
        checkContents(try VectorReader.read(path: dir.path("v.txt"), format: .text))
        checkContents(try VectorReader.read(path: dir.path("v.bin"), format: .binary))
        checkContents(try VectorReader.read(path: dir.path("g.txt"), format: .glove))
    }

    func testTextVariantsAcceptedCRLFTrailingSpacesManyThreads() throws {
        let dir = TempDirectory()
        // fastText .vec files end lines with a space; Windows files with CRLF; no final newline.
        let path = dir.write("v.vec", "4 3 \r\nthe 3 4 0 \r\nÜnïcode 0 0 -2e0\r\ncat 1.0 1 1\r\nzero 0 -0 0.000")
        let m = try VectorReader.read(path: path, threads: 3)
        checkContents(m)
    }

    func testParallelParseKeepsRowOrder() throws {
        let dir = TempDirectory()
        var text = "3000 2\n"
        for i in 0..<3000 { text += "w\(i) \(i + 1) 0.5\n" }
        let m = try VectorReader.read(path: dir.write("big.txt", text), threads: 4)
        XCTAssertEqual(m.count, 3000)
        for i in [0, 1, 1499, 1500, 2999] {
            XCTAssertEqual(m.words.word(i), "w\(i)")
            let x = Float(i + 1), norm = (x * x + 0.25).squareRoot()
            XCTAssertEqual(m.row(i)[0], x / norm, accuracy: 1e-6)
        }
    }

    func assertError(_ body: @autoclosure () throws -> EmbeddingMatrix, _ expected: String,
                     file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual("\(error)", expected, file: file, line: line)
        }
    }

    /// A header (or a GloVe first line) announcing far more values than the file holds is an error
    /// before anything is allocated (it used to allocate 200000 x 100000 floats and trap).
    func testSizesAnnouncedBeyondTheFileAreErrors() {
        let dir = TempDirectory()
        var p = dir.write("huge.txt", "200000 100000\n" + String(repeating: "a\n", count: 200_000))
        assertError(try VectorReader.read(path: p), "\(p):2: expected a word and 100000 values, but the line has only 1 bytes")
        p = dir.write("glove.txt", "the " + Array(repeating: "1", count: 100_000).joined(separator: " ") + "\nx 1\ny 2\n")
        assertError(try VectorReader.read(path: p, format: .glove), "\(p):2: expected a word and 100000 values, but the line has only 3 bytes")
        p = dir.write("huge.bin", "99999999999 100000\nab")
        XCTAssertThrowsError(try VectorReader.read(path: p, format: .binary)) { XCTAssertTrue("\($0)".contains("truncated binary file"), "\($0)") }
    }

    func testMalformedTextFilesNameTheLine() {
        let dir = TempDirectory()
        var p = dir.write("short.txt", "2 3\na 1 2 3\nb 1 2\n")
        assertError(try VectorReader.read(path: p), "\(p):3: expected 3 values after the word, found 2")
        p = dir.write("long.txt", "2 3\na 1 2 3\nb 1 2 3 4 5\n")
        assertError(try VectorReader.read(path: p), "\(p):3: expected 3 values after the word, found 5")
        p = dir.write("nan.txt", "2 3\na 1 2 3\nb 1 x2 3\n")
        assertError(try VectorReader.read(path: p), "\(p):3: value 2 'x2' is not a finite number")
        p = dir.write("inf.txt", "2 3\na 1 2 3\nb 1 1e50 3\n")
        assertError(try VectorReader.read(path: p), "\(p):3: value 2 '1e50' is not a finite number")
        p = dir.write("fewer.txt", "3 3\na 1 2 3\nb 1 2 3\n")
        assertError(try VectorReader.read(path: p), "\(p): the header announces 3 vectors but the file has only 2 (truncated?)")
        p = dir.write("more.txt", "1 3\na 1 2 3\nb 1 2 3\n")
        assertError(try VectorReader.read(path: p), "\(p):3: the header announces 1 vectors but the file has 2 lines of vectors")
        p = dir.write("dup.txt", "3 3\na 1 2 3\nb 1 2 3\na 3 2 1\n")
        assertError(try VectorReader.read(path: p), "\(p):4: duplicate word 'a' (first on line 2)")
        p = dir.write("blank.txt", "3 3\na 1 2 3\n\nb 1 2 3\n")
        assertError(try VectorReader.read(path: p), "\(p):3: empty line")
        p = dir.write("glove.txt", "a 1 2 3\nb 1 2\n")
        assertError(try VectorReader.read(path: p), "\(p):2: expected 3 values after the word, found 2")
        p = dir.write("noheader.txt", "a 1 2 3\n")
        assertError(try VectorReader.read(path: p, format: .text),
                    "\(p):1: expected a 'count dimension' header (two integers); use --format glove for files without one")
        p = dir.write("empty.txt", "")
        assertError(try VectorReader.read(path: p), "\(p): empty file, no vectors")
        p = dir.write("onlyheader.txt", "2 3\n")
        assertError(try VectorReader.read(path: p), "\(p): no vectors after the header")
        p = dir.path("missing.txt")
        assertError(try VectorReader.read(path: p), "\(p): cannot open: No such file or directory")
    }

    func testMalformedBinaryFilesNameTheByte() {
        let dir = TempDirectory()
        var data = word2vecBinary([("ab", [1, 2]), ("cd", [3, 4])])
        let full = data
        data.removeLast(3)  // cut into the last vector: header 4 bytes, "ab " 3, 8, "\n" 1, "cd " 3 -> floats at 19
        var p = dir.write("cut.bin", data)
        assertError(try VectorReader.read(path: p),
                    "\(p): at byte 19: truncated binary file: vector 2 of 2 ('cd') needs 8 bytes, 6 remain")
        p = dir.write("dup.bin", word2vecBinary([("ab", [1, 2]), ("ab", [3, 4])]))
        assertError(try VectorReader.read(path: p), "\(p): at byte 16: duplicate word 'ab' (vector 2; first as vector 1)")
        var extra = full
        extra.append(contentsOf: Array("zz 1".utf8))
        p = dir.write("extra.bin", extra)
        assertError(try VectorReader.read(path: p), "\(p): at byte 28: unexpected data after the 2 vectors the header announces")
        p = dir.write("nan.bin", word2vecBinary([("ab", [1, .nan])]))
        assertError(try VectorReader.read(path: p, format: .binary), "\(p): at byte 11: vector 1 ('ab') has a non-finite value")
        var few = word2vecBinary([("ab", [1, 2])])
        few.replaceSubrange(0..<1, with: Array("9".utf8))
        p = dir.write("few.bin", few)
        assertError(try VectorReader.read(path: p, format: .binary),
                    "\(p): truncated binary file: the header announces 9 vectors of dimension 2 but only 12 bytes follow")
    }
}
