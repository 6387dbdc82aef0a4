import XCTest
@testable import Experiments

/// A Google-style analogy set: every ordered combination of two pairs of each section. The
/// capital sections share pairs, as Google's do.
func syntheticQuestions() -> [AnalogyQuestion] {
    let sections: [(String, [(String, String)])] = [
        ("capital-common-countries", (0..<10).map { ("City\($0)", "Land\($0)") }),
        ("capital-world", (5..<30).map { ("City\($0)", "Land\($0)") }),
        ("gram1-adjective-to-adverb", (0..<20).map { ("adj\($0)", "adj\($0)ly") }),
    ]
    var questions: [AnalogyQuestion] = []
    for (name, pairs) in sections {
        for p in pairs {
            for q in pairs where q != p {
                questions.append(AnalogyQuestion(section: name, a: p.0, b: p.1, c: q.0, d: q.1))
            }
        }
    }
    return questions
}

final class AnalogySplitTests: XCTestCase {
    func testNoHeldOutAnswerPairIsEverTrainedOn() {
        let split = AnalogySplit.make(syntheticQuestions(), seed: 7)
        let trainedPairs = Set(split.train.flatMap { [$0.examplePair, $0.answerPair] })
        for q in split.test {
            XCTAssertFalse(trainedPairs.contains(q.answerPair), "test answer \(q.answerPair) was trained on")
            XCTAssertEqual(split.pairParts[q.answerPair], .test)
            XCTAssertNotEqual(split.pairParts[q.examplePair], .dev, "a test question never uses a dev pair")
        }
        for q in split.dev {
            XCTAssertFalse(trainedPairs.contains(q.answerPair))
            XCTAssertEqual(split.pairParts[q.answerPair], .dev)
            XCTAssertNotEqual(split.pairParts[q.examplePair], .test, "a dev question never uses a test pair")
        }
        for q in split.train {
            XCTAssertEqual(split.pairParts[q.examplePair], .train)
            XCTAssertEqual(split.pairParts[q.answerPair], .train)
        }
    }

    func testSharedPairsGetOnePartAcrossSections() {
        let split = AnalogySplit.make(syntheticQuestions(), seed: 3)
        // City5..City9 appear in both capital sections; a pair has one part wherever it appears.
        XCTAssertEqual(split.pairParts.count, 10 + 20 + 20)
        let inWorld = split.test.filter { $0.section == "capital-world" }.map(\.answerPair)
        let trainedCommon = Set(split.train.filter { $0.section == "capital-common-countries" }.flatMap { [$0.examplePair, $0.answerPair] })
        XCTAssertTrue(Set(inWorld).isDisjoint(with: trainedCommon))
    }

    func testCountsFollowTheFractions() {
        let questions = syntheticQuestions()
        let split = AnalogySplit.make(questions, seed: 1)
        XCTAssertEqual(split.train.count + split.dev.count + split.test.count + split.dropped, questions.count)
        // gram section: 20 pairs -> 12 / 4 / 4; train questions 12·11, dev 4·(12+4−1), test 4·(12+4−1).
        let gram = "gram1-adjective-to-adverb"
        XCTAssertEqual(split.train.filter { $0.section == gram }.count, 12 * 11)
        XCTAssertEqual(split.dev.filter { $0.section == gram }.count, 4 * 15)
        XCTAssertEqual(split.test.filter { $0.section == gram }.count, 4 * 15)
        XCTAssertEqual(split.pairCount(.train), 6 + 12 + 12)
    }

    func testSameSeedSameSplitOtherSeedOtherSplit() {
        let questions = syntheticQuestions()
        let a = AnalogySplit.make(questions, seed: 42), b = AnalogySplit.make(questions, seed: 42)
        XCTAssertEqual(a.train, b.train)
        XCTAssertEqual(a.test, b.test)
        XCTAssertEqual(a.pairParts, b.pairParts)
        XCTAssertNotEqual(AnalogySplit.make(questions, seed: 43).test, a.test)
    }

    func testSimilaritySplitKeepsReversedPairsTogether() {
        var pairs = (0..<40).map { ScoredPair(first: "w\($0)", second: "v\($0)", score: Double($0)) }
        pairs.append(ScoredPair(first: "v3", second: "W3", score: 3))
        let split = SimilaritySplit.make(pairs, trainFraction: 0.5, seed: 9)
        XCTAssertEqual(split.train.count + split.test.count, 41)
        let trainWords = Set(split.train.map { $0.first.lowercased() + "|" + $0.second.lowercased() })
        let inTrain = trainWords.contains("w3|v3")
        XCTAssertEqual(trainWords.contains("v3|w3"), inTrain, "a pair and its reverse are in one part")
        XCTAssertEqual(split.train.filter { $0.first != "v3" }.count, 20)
        XCTAssertEqual(SimilaritySplit.make(pairs, trainFraction: 0.5, seed: 9).test, split.test)
    }

    func testFilesAreInTheEvaluationFormats() throws {
        let split = AnalogySplit.make(syntheticQuestions(), seed: 2)
        let text = SplitFiles.analogyText(split.test)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.hasPrefix(": ") }.count, 3)
        XCTAssertEqual(lines.filter { !$0.hasPrefix(": ") }.count, split.test.count)
        XCTAssertTrue(lines.filter { !$0.hasPrefix(": ") }.allSatisfy { $0.split(separator: " ").count == 4 })
        XCTAssertEqual(SplitFiles.similarityText([ScoredPair(first: "a", second: "b", score: 7.5)]), "a\tb\t7.5\n")
        let dir = NSTemporaryDirectory() + "mt2st-split-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try SplitFiles.write(analogies: split, similarity: SimilaritySplit(), into: dir)
        XCTAssertEqual(written.map { ($0 as NSString).lastPathComponent },
                       ["analogies-train.txt", "analogies-dev.txt", "analogies-test.txt", "similarity-train.tsv", "similarity-test.tsv"])
        XCTAssertEqual(try String(contentsOfFile: dir + "/analogies-test.txt", encoding: .utf8), text)
    }
}
