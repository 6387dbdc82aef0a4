import XCTest
@testable import Evaluation

/// Small hand-made vector sets whose answers are worked out in the comments. With a, b, c the unit
/// axes, a candidate's cosines with a, b, c are simply its (normalised) coordinates.
final class AnalogyEvaluatorTests: XCTestCase {
    func set(_ text: String) throws -> AnalogySet {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { try AnalogySet.parse($0, path: "q.txt") }
    }

    func evaluate(_ matrix: EmbeddingMatrix, _ text: String, restrict: Int = 0, method: AnalogyMethod = .add,
                  caseInsensitive: Bool = true, scoreBufferBytes: Int = 64 << 20, threads: Int = 2) throws -> AnalogyResult {
        var o = AnalogyOptions()
        o.restrictVocab = restrict
        o.method = method
        o.caseInsensitive = caseInsensitive
        o.scoreBufferBytes = scoreBufferBytes
        o.threads = threads
        return AnalogyEvaluator.evaluate(try set(text), matrix: matrix, options: o)
    }

    /// a, b, c axes; x = (-0.6, 0.8, 0); y = (0, 1, 1)/sqrt 2.
    /// 3CosAdd = cos b + cos c - cos a: x 0.8 + 0 + 0.6 = 1.4, y 0.7071 + 0.7071 = 1.4142 -> y.
    /// 3CosMul = (1+cb)/2 (1+cc)/2 / ((1+ca)/2 + 1e-6): x 0.9 * 0.5 / 0.2 = 2.25,
    /// y 0.8536 * 0.8536 / 0.5 = 1.457 -> x.
    func methodMatrix() throws -> EmbeddingMatrix {
        try EmbeddingMatrix(words: ["a", "b", "c", "x", "y"],
                            rows: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [-0.6, 0.8, 0], [0, 1, 1]])
    }

    func testAddAndMulPickDifferentAnswers() throws {
        let m = try methodMatrix()
        let add = try evaluate(m, "a b c y\na b c x\n", method: .add)
        XCTAssertEqual(add.total, AnalogyCounts(correct: 1, seen: 2, questions: 2))
        let mul = try evaluate(m, "a b c x\n", method: .mul)
        XCTAssertEqual(mul.total, AnalogyCounts(correct: 1, seen: 1, questions: 1))
        let mulWrong = try evaluate(m, "a b c y\n", method: .mul)
        XCTAssertEqual(mulWrong.total.correct, 0)
        // The same through the neighbour queries, with the scores derived above.
        let addTop = Neighbors.analogy(m, a: 0, b: 1, c: 2, k: 2, method: .add)
        XCTAssertEqual(addTop.map(\.word), ["y", "x"])
        // cos with unit(b - a + c) = (-1, 1, 1)/sqrt 3: y 1.4142/1.7321 = 0.8165, x 1.4/1.7321 = 0.8083.
        XCTAssertEqual(addTop[0].score, 0.8165, accuracy: 1e-4)
        XCTAssertEqual(addTop[1].score, 0.8083, accuracy: 1e-4)
        let mulTop = Neighbors.analogy(m, a: 0, b: 1, c: 2, k: 2, method: .mul)
        XCTAssertEqual(mulTop.map(\.word), ["x", "y"])
        XCTAssertEqual(mulTop[0].score, 2.25, accuracy: 1e-4)
        XCTAssertEqual(mulTop[1].score, 1.4571, accuracy: 1e-4)
    }

    func testInputWordsAreNeverAnswers() throws {
        // b and c would score 1 + 0 - 0 = 1 but are excluded; the only candidate left is w.
        let m = try EmbeddingMatrix(words: ["a", "b", "c", "w"], rows: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0.8, 0, 0.6]])
        // w: cos a 0.8, cos b 0, cos c 0.6 -> add -0.2, yet the answer; expecting b is always wrong.
        XCTAssertEqual(try evaluate(m, "a b c w\n").total.correct, 1)
        XCTAssertEqual(try evaluate(m, "a b c b\n").total.correct, 0)
    }

    func testTiesGoToTheMoreFrequentWord() throws {
        // t1 and t2 have the same vector (0, 1, 1): equal scores; t1 comes first in the file.
        let m = try EmbeddingMatrix(words: ["a", "b", "c", "t1", "t2"],
                                    rows: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 1], [0, 1, 1]])
        let r = try evaluate(m, ": s\na b c t1\na b c t2\n")
        XCTAssertEqual(r.sections[0].counts, AnalogyCounts(correct: 1, seen: 2, questions: 2))
        XCTAssertEqual(Neighbors.analogy(m, a: 0, b: 1, c: 2, k: 2).map(\.word), ["t1", "t2"])
    }

    /// Rows: a b c, then q (0,1,1) at row 3, then far (1,0,0)-like filler at 4-5, and p at row 6
    /// with (-1, 1, 1), the exact direction of b - a + c (add score 0.577*3 = 1.732 > q's 1.414).
    func boundaryMatrix() throws -> EmbeddingMatrix {
        try EmbeddingMatrix(words: ["a", "b", "c", "q", "f1", "f2", "p"],
                            rows: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 1], [1, 0.1, 0], [1, 0, 0.1], [-1, 1, 1]])
    }

    func testRestrictVocabBoundary() throws {
        let m = try boundaryMatrix()
        let text = "a b c q\n"
        // restrict 3: q (row 3) is outside -> skipped (asked, not seen).
        XCTAssertEqual(try evaluate(m, text, restrict: 3).total, AnalogyCounts(correct: 0, seen: 0, questions: 1))
        // restrict 4: q is the last word in, and the only candidate -> correct.
        XCTAssertEqual(try evaluate(m, text, restrict: 4).total, AnalogyCounts(correct: 1, seen: 1, questions: 1))
        // restrict 6: f1, f2 join (scores 0.0995 - 0.995 < 0): still q.
        XCTAssertEqual(try evaluate(m, text, restrict: 6).total.correct, 1)
        // restrict 7 (and 0 = all): p becomes a candidate and wins -> wrong.
        XCTAssertEqual(try evaluate(m, text, restrict: 7).total, AnalogyCounts(correct: 0, seen: 1, questions: 1))
        XCTAssertEqual(try evaluate(m, text, restrict: 0).total.correct, 0)
    }

    /// gensim's case_insensitive=True: the first (most frequent) case variant stands for a form, and a
    /// candidate that is a case variant of a, b or c is passed over.
    /// france (1,0,0), Paris (1,1,0), germany (0,0,1), berlin (0,1,1), paris (-1,0,0) [a later,
    /// bad variant], GERMANY = unit(b - a + c) with b = Paris: (-0.293, 0.707, 1) -> cosine 1.
    func caseMatrix() throws -> EmbeddingMatrix {
        let s = Float(0.5).squareRoot()
        return try EmbeddingMatrix(words: ["france", "Paris", "germany", "berlin", "paris", "GERMANY"],
                                   rows: [[1, 0, 0], [s, s, 0], [0, 0, 1], [0, s, s], [-1, 0, 0], [s - 1, s, 1]])
    }

    func testCaseFoldingLikeGensim() throws {
        let m = try caseMatrix()
        // Case-insensitive: PARIS -> row 1 (Paris). Top candidate GERMANY is a variant of c: passed
        // over (add: 0.233 + 0.794 + 0.233 = 1.259); next is berlin (0.5 + 0.707 - 0 = 1.207) -> correct.
        // Question words may come in any case.
        XCTAssertEqual(try evaluate(m, "FRANCE paris GerMany BERLIN\n").total, AnalogyCounts(correct: 1, seen: 1, questions: 1))
        // Case-sensitive: paris is row 4 (-1,0,0): b - a + c = (-2, 0, 1); GERMANY scores
        // cos b + cos c - cos a = 0.233 + 0.794 + 0.233 = 1.259 > berlin 0 + 0.707 - 0 -> wrong.
        XCTAssertEqual(try evaluate(m, "france paris germany berlin\n", caseInsensitive: false).total,
                       AnalogyCounts(correct: 0, seen: 1, questions: 1))
        // Case-sensitive lookups fail on other cases -> skipped.
        XCTAssertEqual(try evaluate(m, "FRANCE paris germany berlin\n", caseInsensitive: false).total.seen, 0)
        // A restricted vocabulary that ends before "paris" still resolves PARIS through "Paris".
        XCTAssertEqual(try evaluate(m, "france paris germany berlin\n", restrict: 4).total.correct, 1)
    }

    func testSectionsSplitAndOutOfVocabularyQuestions() throws {
        let m = try methodMatrix()
        let r = try evaluate(m, """
            : capital-world
            a b c y
            a b c unknown
            : gram1-adjective-to-adverb
            a b c x
            a b c y

            """)
        XCTAssertEqual(r.sections.map(\.name), ["capital-world", "gram1-adjective-to-adverb"])
        XCTAssertEqual(r.sections[0].counts, AnalogyCounts(correct: 1, seen: 1, questions: 2))
        XCTAssertEqual(r.semantic, AnalogyCounts(correct: 1, seen: 1, questions: 2))
        XCTAssertEqual(r.syntactic, AnalogyCounts(correct: 1, seen: 2, questions: 2))
        XCTAssertEqual(r.total, AnalogyCounts(correct: 2, seen: 3, questions: 4))
        XCTAssertEqual(r.total.accuracy!, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(r.syntactic.accuracy!, 0.5, accuracy: 1e-12)
    }

    func testPlainListWithoutHeaders() throws {
        let r = try evaluate(try methodMatrix(), "a b c y\na b c x\n")
        XCTAssertEqual(r.sections.count, 1)
        XCTAssertEqual(r.sections[0].name, "")
        XCTAssertEqual(r.total, AnalogyCounts(correct: 1, seen: 2, questions: 2))
        XCTAssertEqual(r.semantic.questions + r.syntactic.questions, 0)
        XCTAssertNil(r.semantic.accuracy)
    }

    func testSmallScoreBufferAndOneThreadGiveTheSameAnswers() throws {
        // Many questions over a random matrix: a tiny score buffer (3 rows: the query-row path, one
        // b + c - a row per question) on 1 thread must agree with one big word-row batch on 2
        // threads, and with a plain per-question scan (3CosAdd on the normalised rows). Half the
        // questions expect the scan's answer, half a random word.
        var rng = SplitMix(seed: 7)
        let words = (0..<300).map { "w\($0)" }
        let rows = (0..<300).map { _ in (0..<8).map { _ in Float(rng.next() % 2001) / 1000 - 1 } }
        let m = try EmbeddingMatrix(words: words, rows: rows)
        func scan(_ a: Int, _ b: Int, _ c: Int) -> Int {
            var best = -1, bestScore = -Float.infinity
            for r in 0..<250 where r != a && r != b && r != c {
                var s: Float = 0
                for j in 0..<8 { s += m.row(r)[j] * (m.row(b)[j] + m.row(c)[j] - m.row(a)[j]) }
                if s > bestScore { bestScore = s; best = r }
            }
            return best
        }
        var text = ""
        var expectedCorrect = 0, expectedSeen = 0
        for i in 0..<400 {
            let a = Int(rng.next() % 300), b = Int(rng.next() % 300), c = Int(rng.next() % 300)
            let inside = a < 250 && b < 250 && c < 250
            let d = i % 2 == 0 && inside ? scan(a, b, c) : Int(rng.next() % 300)
            text += "w\(a) w\(b) w\(c) w\(d)\n"
            if inside && d < 250 {
                expectedSeen += 1
                if scan(a, b, c) == d { expectedCorrect += 1 }
            }
        }
        let big = try evaluate(m, text, restrict: 250)
        let small = try evaluate(m, text, restrict: 250, scoreBufferBytes: 1, threads: 1)
        XCTAssertEqual(big.total, small.total)
        XCTAssertEqual(big.total.seen, expectedSeen)
        XCTAssertEqual(big.total.correct, expectedCorrect)
        XCTAssertGreaterThan(expectedCorrect, 100)
        // 3CosMul always uses word rows: small batches (3 words) must match one big batch.
        XCTAssertEqual(try evaluate(m, text, restrict: 250, method: .mul).total,
                       try evaluate(m, text, restrict: 250, method: .mul, scoreBufferBytes: 1, threads: 1).total)
    }

    func testMalformedQuestionFiles() {
        XCTAssertThrowsError(try set(": s\na b c\n")) { XCTAssertEqual("\($0)", "q.txt:2: expected 4 words 'a b c d' or a ': section' header, found 3 fields") }
        XCTAssertThrowsError(try set("a b c d e\n")) { XCTAssertEqual("\($0)", "q.txt:1: expected 4 words 'a b c d' or a ': section' header, found 5 fields") }
        XCTAssertThrowsError(try set(":  \na b c d\n")) { XCTAssertEqual("\($0)", "q.txt:1: section header without a name") }
        XCTAssertThrowsError(try set(": only-a-header\n\n")) { XCTAssertEqual("\($0)", "q.txt: no analogy questions ('a b c d' lines) found") }
    }
}

/// Deterministic test randomness.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
