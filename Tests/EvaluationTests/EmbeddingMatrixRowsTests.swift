import XCTest
@testable import Evaluation

final class EmbeddingMatrixRowsTests: XCTestCase {
    func testBuildsFromStridedRowsAndUpdatesInPlace() throws {
        // Two rows of dim 3, stride 4 (one padding float each).
        var rows: [Float] = [3, 0, 4, 99, 0, 2, 0, 99]
        let matrix = try rows.withUnsafeBufferPointer {
            try EmbeddingMatrix(words: [Array("a".utf8), Array("b".utf8)], rows: $0.baseAddress!, stride: 4, dim: 3)
        }
        XCTAssertEqual(matrix.count, 2)
        XCTAssertEqual(matrix.dim, 3)
        XCTAssertEqual(Array(UnsafeBufferPointer(start: matrix.row(0), count: 3)), [0.6, 0, 0.8])
        XCTAssertEqual(matrix.row(of: "b"), 1)
        let vocabulary = EvaluationVocabulary(matrix, limit: 0, caseInsensitive: true)
        rows = [0, 5, 0, 99, 1, 0, 0, 99]
        rows.withUnsafeBufferPointer { matrix.update(rows: $0.baseAddress!, stride: 4) }
        XCTAssertEqual(Array(UnsafeBufferPointer(start: matrix.row(0), count: 3)), [0, 1, 0])
        XCTAssertEqual(Array(UnsafeBufferPointer(start: matrix.row(1), count: 3)), [1, 0, 0])
        XCTAssertEqual(vocabulary.row(of: "A"), 0, "the word index survives an update")
    }

    func testDuplicateWordsAreAnError() {
        let rows: [Float] = [1, 0, 0, 1]
        XCTAssertThrowsError(try rows.withUnsafeBufferPointer {
            try EmbeddingMatrix(words: [Array("a".utf8), Array("a".utf8)], rows: $0.baseAddress!, stride: 2, dim: 2)
        })
    }
}
