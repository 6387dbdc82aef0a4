import Foundation
import XCTest

/// End-to-end runs of `evaluate`, `neighbors` and `analogy` on small hand-made files.
/// Vectors: a, b, c are the unit axes; x = (-0.6, 0.8, 0); y = (0, 1, 1). For "a b c ?" 3CosAdd
/// scores y 1.414 > x 1.4, 3CosMul scores x 2.25 > y 1.457 (see AnalogyEvaluatorTests).
final class EvaluateCommandTests: XCTestCase {
    let vectors = "5 3\na 1 0 0\nb 0 1 0\nc 0 0 1\nx -0.6 0.8 0\ny 0 1 1\n"
    let questions = ": family\nA B C Y\na b c unknown\n: gram1-adjective-to-adverb\na b c x\n"
    let pairs = "# word1\tword2\tscore\na\tb\t1\nb\ty\t3\nx\tb\t4\na\tzz\t2\n"

    var dir: Scratch!

    override func setUp() { dir = Scratch() }
    override func tearDown() { dir = nil }

    func files() -> (Scratch, String, String, String) {
        (dir, dir.file("v.txt", vectors), dir.file("q.txt", questions), dir.file("p.txt", pairs))
    }

    func testJSONReport() throws {
        let (dir, v, q, p) = files(); _ = dir
        let r = try CLI.run(["evaluate", "--vectors", v, "--analogies", q, "--similarity", p, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let analogy = try XCTUnwrap((json["analogies"] as? [String: Any])?[q] as? [String: Any])
        // family: "A B C Y" correct (case-insensitive), the unknown one skipped; gram1: x is wrong.
        XCTAssertEqual(analogy["total"] as? Double, 0.5)
        XCTAssertEqual(analogy["semantic"] as? Double, 1)
        XCTAssertEqual(analogy["syntactic"] as? Double, 0)
        XCTAssertEqual(analogy["seen"] as? Int, 2)
        XCTAssertEqual(analogy["questions"] as? Int, 3)
        let sections = try XCTUnwrap(analogy["sections"] as? [[String: Any]])
        XCTAssertEqual(sections.map { $0["name"] as? String }, ["family", "gram1-adjective-to-adverb"])
        XCTAssertEqual(sections.map { $0["questions"] as? Int }, [2, 1])
        let similarity = try XCTUnwrap((json["similarity"] as? [String: Any])?[p] as? [String: Any])
        // cos: (a,b) 0, (b,y) 0.7071, (x,b) 0.8 against 1, 3, 4 -> same order: Spearman 1.
        XCTAssertEqual(try XCTUnwrap(similarity["spearman"] as? Double), 1, accuracy: 1e-12)
        XCTAssertEqual(similarity["pairs"] as? Int, 3)
        XCTAssertEqual(try XCTUnwrap(similarity["oov"] as? Double), 0.25, accuracy: 1e-12)
        XCTAssertNotNil(similarity["pearson"] as? Double)

        let mul = try CLI.run(["evaluate", "--vectors", v, "--analogies", q, "--method", "mul", "--json"])
        let mulJSON = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(mul.stdout.utf8)) as? [String: Any])
        let mulAnalogy = try XCTUnwrap((mulJSON["analogies"] as? [String: Any])?[q] as? [String: Any])
        XCTAssertEqual(mulAnalogy["semantic"] as? Double, 0)
        XCTAssertEqual(mulAnalogy["syntactic"] as? Double, 1)
    }

    func testTableReport() throws {
        let (dir, v, q, p) = files(); _ = dir
        let r = try CLI.run(["evaluate", "--vectors", v, "--analogies", q, "--similarity", p, "--restrict-vocab", "4"])
        XCTAssertEqual(r.status, 0, r.stderr)
        // With 4 candidates y is out: "A B C Y" is skipped, and x is the only candidate for "a b c x".
        XCTAssertTrue(r.stdout.contains("4 candidate words"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\nfamily                            0       0          2         -\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\ntotal                             1       1          3   100.00%\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("1.0000"), r.stdout)
        XCTAssertTrue(r.stderr.contains("reading 5 x 3 vectors"), r.stderr)
    }

    func testNeighborsAndAnalogyFromArgumentsAndStdin() throws {
        let (dir, v, _, _) = files(); _ = dir
        let n = try CLI.run(["neighbors", "--vectors", v, "-k", "2", "B"])
        XCTAssertEqual(n.status, 0, n.stderr)
        // cos with b: x 0.8, y 0.7071.
        XCTAssertEqual(n.stdout, "neighbors of b:\n   1  0.8000  x\n   2  0.7071  y\n")
        let fromStdin = try CLI.run(["neighbors", "--vectors", v, "-k", "1"], stdin: "b\n\nnope\nx\n")
        XCTAssertEqual(fromStdin.status, 1)
        XCTAssertEqual(fromStdin.stdout, "neighbors of b:\n   1  0.8000  x\nneighbors of x:\n   1  0.8000  b\n")
        XCTAssertTrue(fromStdin.stderr.contains("'nope' is not in the vocabulary (5 words)"), fromStdin.stderr)

        let a = try CLI.run(["analogy", "--vectors", v, "-k", "2", "a", "b", "c"])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(a.stdout, "a is to b as c is to:\n   1  0.8165  y\n   2  0.8083  x\n")
        let mul = try CLI.run(["analogy", "--vectors", v, "-k", "1", "--method", "mul"], stdin: "a b c\na b\n")
        XCTAssertEqual(mul.status, 1)
        XCTAssertEqual(mul.stdout, "a is to b as c is to:\n   1  2.2500  x\n")
        XCTAssertTrue(mul.stderr.contains("expected three words 'A B C', got 2"), mul.stderr)
    }

    func assertFails(_ args: [String], _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 1, file: file, line: line)
        XCTAssertEqual(r.stdout, "", "no partial output", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").last.map(String.init), "mt2st-embed: error: " + message, file: file, line: line)
    }

    func testBadInputsGiveOneLineErrors() throws {
        let (dir, v, q, p) = files()
        let shortRow = dir.file("short.txt", "2 3\na 1 0 0\nb 0 1\n")
        try assertFails(["evaluate", "--vectors", shortRow, "--analogies", q], "\(shortRow):3: expected 3 values after the word, found 2")
        let notNumber = dir.file("nan.txt", "2 3\na 1 0 0\nb 0 one 0\n")
        try assertFails(["evaluate", "--vectors", notNumber, "--analogies", q], "\(notNumber):3: value 2 'one' is not a finite number")
        let header = dir.file("header.txt", "3 3\na 1 0 0\nb 0 1 0\n")
        try assertFails(["neighbors", "--vectors", header, "a"], "\(header): the header announces 3 vectors but the file has only 2 (truncated?)")
        let duplicate = dir.file("dup.txt", "2 3\na 1 0 0\na 0 1 0\n")
        try assertFails(["analogy", "--vectors", duplicate, "a", "a", "a"], "\(duplicate):3: duplicate word 'a' (first on line 2)")
        var binary = Data("2 2\nab ".utf8)
        binary.append(contentsOf: [0, 0, 128, 63, 0, 0, 0, 64, 10])  // 1.0, 2.0
        binary.append(contentsOf: Array("cd ".utf8) + [0, 0, 64])
        let truncated = dir.file("cut.bin", binary)
        try assertFails(["evaluate", "--vectors", truncated, "--similarity", p],
                        "\(truncated): at byte 19: truncated binary file: vector 2 of 2 ('cd') needs 8 bytes, 3 remain")
        let badQuestions = dir.file("badq.txt", ": s\na b c\n")
        try assertFails(["evaluate", "--vectors", v, "--analogies", badQuestions],
                        "\(badQuestions):2: expected 4 words 'a b c d' or a ': section' header, found 3 fields")
        let badPairs = dir.file("badp.txt", "a b 1\na b x\n")
        try assertFails(["evaluate", "--vectors", v, "--similarity", badPairs], "\(badPairs):2: score 'x' is not a number")
        let missing = dir.at("missing.txt")
        try assertFails(["evaluate", "--vectors", missing, "--analogies", q], "\(missing): cannot open: No such file or directory")
        try assertFails(["evaluate", "--vectors", v, "--analogies", missing], "\(missing): cannot open: No such file or directory")
        try assertFails(["evaluate", "--vectors", v, "--similarity", missing], "\(missing): cannot open: No such file or directory")
        try assertFails(["evaluate", "--vectors", v, "--format", "glove", "--analogies", q],
                        "\(v):2: expected 1 values after the word, found 3")

        let usage = try CLI.run(["evaluate", "--vectors", v])
        XCTAssertNotEqual(usage.status, 0)
        XCTAssertTrue(usage.stderr.contains("give at least one --analogies or --similarity file"), usage.stderr)
    }
}
