import XCTest
@testable import Evaluation

final class SimilarityEvaluatorTests: XCTestCase {
    func testAverageRanksAndSpearmanWithTies() {
        XCTAssertEqual(Correlation.averageRanks([1, 2, 2, 3]), [1, 2.5, 2.5, 4])
        XCTAssertEqual(Correlation.averageRanks([5, 5, 5]), [2, 2, 2])
        XCTAssertEqual(Correlation.averageRanks([3, 1, 2]), [3, 1, 2])
        // ranks [1, 2.5, 2.5, 4] vs [1, 2, 3, 4]: sxy 4.5, sxx 4.5, syy 5 -> 4.5 / sqrt(22.5) = sqrt(0.9).
        XCTAssertEqual(Correlation.spearman([1, 2, 2, 3], [10, 20, 30, 40])!, 0.9.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(Correlation.pearson([1, 2, 3], [2, 4, 6])!, 1, accuracy: 1e-12)
        XCTAssertEqual(Correlation.pearson([1, 2, 3], [3, 2, 1])!, -1, accuracy: 1e-12)
        XCTAssertNil(Correlation.pearson([1, 1, 1], [1, 2, 3]))
        XCTAssertNil(Correlation.spearman([1], [2]))
    }

    func parse(_ text: String) throws -> SimilaritySet {
        try Array(text.utf8).withUnsafeBufferPointer { try SimilaritySet.parse($0, path: "pairs.txt") }
    }

    /// a (1,0), b (0,1), c (1,1): cos(a,c) = cos(b,c) = 0.7071 (a tie), cos(a,b) = 0.
    func testPairsWithOutOfVocabularyTiesAndCaseFolding() throws {
        let m = try EmbeddingMatrix(words: ["a", "b", "c"], rows: [[1, 0], [0, 1], [1, 1]])
        let set = try parse("# comment\nA\tc\t5\na b 1\n\nb\tC\t4.0\na zz 3\n")
        var options = SimilarityOptions()
        let r = SimilarityEvaluator.evaluate(set, matrix: m, options: options)
        XCTAssertEqual(r.total, 4)
        XCTAssertEqual(r.scored, 3)
        XCTAssertEqual(r.outOfVocabulary, 1)
        XCTAssertEqual(r.oovRatio, 0.25)
        // gold [5, 1, 4] -> ranks [3, 1, 2]; model [s, 0, s] -> [2.5, 1, 2.5]: 1.5 / sqrt(2 * 1.5).
        XCTAssertEqual(r.spearman!, 1.5 / 3.0.squareRoot(), accuracy: 1e-9)
        // Pearson of [5, 1, 4] with [1, 0, 1] (scale-free): (7/3) / sqrt(26/3 * 2/3) = 7 / sqrt 52.
        XCTAssertEqual(r.pearson!, 7 / 52.0.squareRoot(), accuracy: 1e-6)

        // dummy4unknown: the OOV pair scores 0. gold [5,1,4,3] ranks [4,1,3,2]; model [s,0,s,0]
        // ranks [3.5,1.5,3.5,1.5]: sxy 4, sxx 5, syy 4 -> 4 / sqrt 20.
        options.dummyForUnknown = true
        let d = SimilarityEvaluator.evaluate(set, matrix: m, options: options)
        XCTAssertEqual(d.scored, 4)
        XCTAssertEqual(d.oovRatio, 0.25)
        XCTAssertEqual(d.spearman!, 4 / 20.0.squareRoot(), accuracy: 1e-9)

        // Case-sensitive: "A" and "C" are unknown too.
        options = SimilarityOptions()
        options.caseInsensitive = false
        let s = SimilarityEvaluator.evaluate(set, matrix: m, options: options)
        XCTAssertEqual(s.scored, 1)
        XCTAssertEqual(s.outOfVocabulary, 3)
        XCTAssertNil(s.spearman)

        // restrict-vocab 2: c is outside.
        options = SimilarityOptions()
        options.restrictVocab = 2
        XCTAssertEqual(SimilarityEvaluator.evaluate(set, matrix: m, options: options).scored, 1)
    }

    func testMalformedPairFiles() {
        XCTAssertThrowsError(try parse("a b\n")) { XCTAssertEqual("\($0)", "pairs.txt:1: expected 'word1 word2 score' (3 fields), found 2 fields") }
        XCTAssertThrowsError(try parse("# c\na b high\n")) { XCTAssertEqual("\($0)", "pairs.txt:2: score 'high' is not a number") }
        XCTAssertThrowsError(try parse("a\tb\t1\tx\n")) { XCTAssertEqual("\($0)", "pairs.txt:1: expected 'word1 word2 score' (3 fields), found 4 fields") }
        XCTAssertThrowsError(try parse("# nothing\n")) { XCTAssertEqual("\($0)", "pairs.txt: no 'word1 word2 score' pairs found") }
    }

    func testNeighborsByCosine() throws {
        let m = try EmbeddingMatrix(words: ["x", "near", "far", "mid"], rows: [[1, 0], [1, 0.1], [-1, 0], [1, 1]])
        let n = Neighbors.nearest(m, row: 0, k: 5)
        XCTAssertEqual(n.map(\.word), ["near", "mid", "far"])
        XCTAssertEqual(n[1].score, 0.5.squareRoot().asFloat, accuracy: 1e-6)
        XCTAssertEqual(Neighbors.nearest(m, row: 0, k: 1, limit: 3).map(\.word), ["near"])
        XCTAssertEqual(Neighbors.nearest(m, row: 0, k: 5, limit: 3).map(\.word), ["near", "far"])
    }
}

extension Double { var asFloat: Float { Float(self) } }
