import XCTest
@testable import Evaluation

final class EvaluationVocabularyTests: XCTestCase {
    func testCaseFoldingKeepsTheFirstVariantAndFoldsUnicodeLikePython() throws {
        // Python: "école".upper() == "ÉCOLE", "straße".upper() == "STRASSE".
        let m = try EmbeddingMatrix(words: ["the", "école", "École", "straße", "THE"],
                                    rows: [[1, 0], [0, 1], [1, 1], [1, 2], [2, 1]])
        let folded = EvaluationVocabulary(m, limit: 0, caseInsensitive: true)
        XCTAssertEqual(folded.row(of: "ÉCOLE"), 1)
        XCTAssertEqual(folded.row(of: "École"), 1)
        XCTAssertEqual(folded.row(of: "STRASSE"), 3)
        XCTAssertEqual(folded.row(of: "The"), 0)
        XCTAssertEqual(folded.representative, [0, 1, 1, 3, 0])
        let exact = EvaluationVocabulary(m, limit: 0, caseInsensitive: false)
        XCTAssertEqual(exact.row(of: "THE"), 4)
        XCTAssertNil(exact.row(of: "The"))
        XCTAssertEqual(exact.representative, [0, 1, 2, 3, 4])
        // A limit keeps only the first words.
        let limited = EvaluationVocabulary(m, limit: 2, caseInsensitive: true)
        XCTAssertEqual(limited.limit, 2)
        XCTAssertNil(limited.row(of: "straße"))
    }
}
