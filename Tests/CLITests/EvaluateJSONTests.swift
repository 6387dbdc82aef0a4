import Foundation
import XCTest

/// `evaluate --json` as Foundation's JSONEncoder writes it: every field, null for what has no
/// value, keys sorted so that two runs print the same bytes.
final class EvaluateJSONTests: XCTestCase {
    func testEveryFieldNullsAndStableOrder() throws {
        let dir = Scratch()
        let v = dir.file("v.txt", "4 2\na 1 0\nb 0 1\nc 1 1\nd -1 1\n")
        // Only a semantic section: syntactic has no question, so its accuracy is null.
        let q2 = dir.file("q2.txt", ": capital-common-countries\na b c d\n")
        let q1 = dir.file("q1.txt", ": family\na b c d\nzz b c d\n")
        // A constant model side: Pearson and Spearman are undefined (null).
        let p = dir.file("p.txt", "a\tb\t1\na\tb\t2\na\tzz\t3\n")
        let args = ["evaluate", "--vectors", v, "--analogies", q2, "--analogies", q1, "--similarity", p, "--json"]
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout.filter { $0 == "\n" }.count, 1, "one line of JSON")
        XCTAssertEqual(try CLI.run(args).stdout, r.stdout, "same bytes on every run")
        XCTAssertFalse(r.stdout.contains("\\/"), "paths keep their slashes")
        XCTAssertLessThan(try XCTUnwrap(r.stdout.range(of: q1)).lowerBound, try XCTUnwrap(r.stdout.range(of: q2)).lowerBound)

        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["vectors", "words", "dim", "analogies", "similarity"])
        XCTAssertEqual(json["vectors"] as? String, v)
        XCTAssertEqual(json["words"] as? Int, 4)
        XCTAssertEqual(json["dim"] as? Int, 2)
        let analogies = try XCTUnwrap(json["analogies"] as? [String: Any])
        let first = try XCTUnwrap(analogies[q1] as? [String: Any])
        XCTAssertEqual(Set(first.keys), ["total", "semantic", "syntactic", "seen", "questions", "correct", "method",
                                         "restrict_vocab", "sections"])
        XCTAssertTrue(first["syntactic"] is NSNull, "\(first)")
        XCTAssertEqual(first["questions"] as? Int, 2)
        XCTAssertEqual(first["seen"] as? Int, 1)
        XCTAssertEqual(first["method"] as? String, "add")
        XCTAssertEqual(first["restrict_vocab"] as? Int, 4)
        let section = try XCTUnwrap((first["sections"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(section.keys), ["name", "accuracy", "correct", "seen", "questions"])
        XCTAssertEqual(section["name"] as? String, "family")
        XCTAssertNotNil(analogies[q2] as? [String: Any])
        let similarity = try XCTUnwrap((json["similarity"] as? [String: Any])?[p] as? [String: Any])
        XCTAssertEqual(Set(similarity.keys), ["spearman", "pearson", "pairs", "oov", "total_pairs"])
        XCTAssertTrue(similarity["spearman"] is NSNull, "\(similarity)")
        XCTAssertTrue(similarity["pearson"] is NSNull, "\(similarity)")
        XCTAssertEqual(similarity["pairs"] as? Int, 2)
        XCTAssertEqual(similarity["total_pairs"] as? Int, 3)
        XCTAssertEqual(try XCTUnwrap(similarity["oov"] as? Double), 1.0 / 3, accuracy: 1e-12)
    }
}
