import XCTest
import Evaluation

/// `VectorReader.readValues`: the same reader, the values as written (not normalised).
final class VectorValuesTests: XCTestCase {
    let rows: [(String, [Float])] = [("the", [3, 4, 0]), ("Ünïcode", [0, 0, -2]), ("tiny", [1e-3, -0.1, 0.3])]

    func testEveryFormatGivesTheWrittenValues() throws {
        let dir = TempDirectory()
        let expected = VectorValues(words: rows.map(\.0), dim: 3, values: rows.flatMap(\.1))
        XCTAssertEqual(try VectorReader.readValues(path: dir.write("v.bin", word2vecBinary(rows))), expected)
        XCTAssertEqual(try VectorReader.readValues(path: dir.write("v.txt", word2vecText(rows))), expected)
        XCTAssertEqual(try VectorReader.readValues(path: dir.write("g.txt", word2vecText(rows, header: false)),
                                                   format: .glove), expected)
        XCTAssertEqual(expected.vector(1), [0, 0, -2])
    }

    func testErrorsAreTheReadersErrors() {
        let dir = TempDirectory()
        let p = dir.write("bad.txt", "2 3\na 1 2 3\nb 1 2\n")
        XCTAssertThrowsError(try VectorReader.readValues(path: p)) {
            XCTAssertEqual("\($0)", "\(p):3: expected 3 values after the word, found 2")
        }
        let missing = dir.path("missing.txt")
        XCTAssertThrowsError(try VectorReader.readValues(path: missing)) {
            XCTAssertEqual("\($0)", "\(missing): cannot open: No such file or directory")
        }
    }
}
