import XCTest
@testable import Evaluation

final class LabelledPairSetTests: XCTestCase {
    func testReadsLabelledPairsSkippingCommentsAndBlankLines() throws {
        let dir = TempDirectory()
        let path = dir.write("k.txt", "# header\n\nnoun-plural dog dogs\r\n  part-holonym\tparis  france\n")
        let set = try LabelledPairSet.load(path: path)
        XCTAssertEqual(set.pairs, [LabelledPairSet.Pair(label: "noun-plural", first: "dog", second: "dogs", line: 3),
                                   LabelledPairSet.Pair(label: "part-holonym", first: "paris", second: "france", line: 4)])
    }

    func testErrorsNameFileAndLine() {
        let dir = TempDirectory()
        let cases: [(String, Set<String>?, String)] = [
            ("synonym a b\nsynonym a\n", nil, "k.txt:2: expected 'label word1 word2' (3 fields), found 2 fields"),
            ("synonym a b c\n", nil, "k.txt:1: expected 'label word1 word2' (3 fields), found 4 fields"),
            ("synonym a b\nhyponym a b\n", ["synonym", "antonym"], "k.txt:2: unknown kind 'hyponym' (expected one of: antonym, synonym)"),
            ("# only a comment\n", nil, "k.txt: no 'label word1 word2' pairs found"),
        ]
        for (text, labels, message) in cases {
            let path = dir.write("k.txt", text)
            XCTAssertThrowsError(try LabelledPairSet.load(path: path, labels: labels)) {
                XCTAssertEqual("\($0)", dir.path("k.txt").replacingOccurrences(of: "/k.txt", with: "/") + message, text)
            }
        }
        XCTAssertThrowsError(try LabelledPairSet.load(path: dir.path("missing.txt"))) {
            XCTAssertTrue("\($0)".contains("missing.txt: cannot open"), "\($0)")
        }
    }
}
