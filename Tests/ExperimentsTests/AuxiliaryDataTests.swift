import XCTest
import Corpus
import Embeddings
@testable import Experiments

final class AuxiliaryDataTests: XCTestCase {
    let vocabulary = Vocabulary(words: ["athens", "greece", "paris", "france", "cat", "dog"].map { Array($0.utf8) },
                                counts: [6, 5, 4, 3, 2, 1])

    func testMapsWordsCaseInsensitivelyAndSkipsUnknown() throws {
        let qs = [AnalogyQuestion(section: "s", a: "Athens", b: "Greece", c: "Paris", d: "France"),
                  AnalogyQuestion(section: "s", a: "Athens", b: "Greece", c: "Rome", d: "Italy")]
        let (examples, skipped) = try AuxiliaryData.analogyExamples(qs, vocabulary: vocabulary, path: "q.txt")
        XCTAssertEqual(skipped, 1)
        let ids = [vocabulary.id(of: "athens")!, vocabulary.id(of: "greece")!, vocabulary.id(of: "paris")!, vocabulary.id(of: "france")!].map { Int32($0) }
        XCTAssertEqual(examples, [AnalogyExample(a: ids[0], b: ids[1], c: ids[2], d: ids[3])])
    }

    func testAllOutOfVocabularyAndEmptyAreErrorsNamingTheFile() {
        let qs = [AnalogyQuestion(section: "s", a: "x", b: "y", c: "z", d: "w")]
        XCTAssertThrowsError(try AuxiliaryData.analogyExamples(qs, vocabulary: vocabulary, path: "q.txt")) {
            XCTAssertTrue("\($0)".hasPrefix("q.txt: all 1 analogy questions"), "\($0)")
        }
        XCTAssertThrowsError(try AuxiliaryData.analogyExamples([], vocabulary: vocabulary, path: "q.txt")) {
            XCTAssertTrue("\($0)".contains("empty"), "\($0)")
        }
        XCTAssertThrowsError(try AuxiliaryData.similarityExamples([ScoredPair(first: "x", second: "y", score: 1)],
                                                                  scoreRange: 0...10, vocabulary: vocabulary, path: "s.tsv"))
    }

    func testSimilarityScoresAreRescaledToTheUnitInterval() throws {
        let pairs = [ScoredPair(first: "cat", second: "dog", score: 7.5), ScoredPair(first: "cat", second: "paris", score: 0),
                     ScoredPair(first: "athens", second: "greece", score: 10)]
        let (examples, _) = try AuxiliaryData.similarityExamples(pairs, scoreRange: AuxiliaryData.scoreRange(pairs),
                                                                 vocabulary: vocabulary, path: "s.tsv")
        XCTAssertEqual(examples.map(\.target), [0.75, 0, 1])
    }
}
