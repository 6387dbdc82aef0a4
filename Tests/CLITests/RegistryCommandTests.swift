import Foundation
import XCTest

/// `train`, `experiment`, their help and the README read the one model and schedule registry.
final class RegistryCommandTests: XCTestCase {
    static let models = ["skipgram", "cbow", "fasttext", "glove", "fasttext-cbow", "structured-skipgram"]
    static let schedules = ["stl", "mtl", "diminish", "switch", "adaptive", "ramp"]

    func testHelpListsEveryRegisteredModelAndSchedule() throws {
        // Help text is wrapped: compare with runs of whitespace collapsed.
        func flat(_ s: String) -> String { s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") }
        let train = flat(try CLI.run(["train", "--help"]).stdout)
        for name in Self.models { XCTAssertTrue(train.contains("\(name):"), "train --help lacks \(name)") }
        for name in Self.schedules { XCTAssertTrue(train.contains("\(name) ("), "train --help lacks schedule \(name)") }
        XCTAssertTrue(train.contains("ramp-until"), "the ramp's declared parameter is listed")
        let experiment = try CLI.run(["experiment", "--help"])
        for name in Self.models { XCTAssertTrue(experiment.stdout.contains(name), "experiment --help lacks \(name)") }
    }

    func testTheReadmeModelTableListsTheRegistry() throws {
        let readme = try String(contentsOfFile: CLI.packageRoot + "/README.md", encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { String($0) }
        for name in Self.models { XCTAssertTrue(rows.contains { $0.hasPrefix("| `\(name)`") }, "README table lacks \(name)") }
        for name in Self.schedules { XCTAssertTrue(rows.contains { $0.hasPrefix("| `\(name)`") }, "README table lacks schedule \(name)") }
    }

    func testStructuredSkipGramAndTheRampScheduleTrainEndToEnd() throws {
        let s = Scratch()
        let corpus = s.syntheticCorpus(lines: 600)
        let questions = s.file("q.txt", ": capital-common-countries\nking queen dog cat\nsun moon car road\nking royal dog pet\n")
        for kernel in ["batch", "plain"] {
            let r = try CLI.run(["train", "--model", "structured-skipgram", "--kernel", kernel, "--input", corpus, "--output", s.at("ssg-\(kernel).txt"),
                                 "--min-count", "1", "--dim", "16", "--epochs", "2", "--threads", "1",
                                 "--schedule", "ramp", "--schedule-param", "ramp-until=1.5", "--aux-analogies", questions, "--aux-every", "500"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("structured-skipgram dim 16"), r.stderr)
            XCTAssertTrue(r.stderr.contains("MT2ST ramp"), r.stderr)
            // A round of 50 examples every 500 of the 7,200 tokens: 14 rounds in epoch 1, and in epoch 2
            // only the 7 before t = 1.5, where the ramp reaches 0 (γ is reported at the epoch's middle).
            XCTAssertTrue(r.stderr.contains("auxiliary, epoch 1: analogy loss 0."), r.stderr)
            XCTAssertTrue(r.stderr.contains("(700 steps, γ 0.667)"), r.stderr)
            XCTAssertTrue(r.stderr.contains("(350 steps, γ 0.000)"), "ramp ended at 1.5: \(r.stderr)")
            let lines = try String(contentsOfFile: s.at("ssg-\(kernel).txt"), encoding: .utf8).split(separator: "\n")
            XCTAssertEqual(lines.first.map(String.init), "21 16")
        }
    }

    func testBadRegistryOptionsAreOneLineErrors() throws {
        let s = Scratch()
        let corpus = s.syntheticCorpus(lines: 100)
        let cases: [([String], String)] = [
            (["--model", "word2vec"], "word2vec"),
            (["--model", "structured-skipgram", "--kernel", "blas"], "--kernel blas is for skipgram only"),
            (["--schedule", "mtl", "--schedule-param", "bogus=1", "--aux-analogies", s.file("q.txt", ": s\na b c d\n")], "no schedule declares 'bogus'"),
            (["--schedule-param", "ramp-until"], "--schedule-param expects NAME=VALUE"),
            (["--schedule", "ramp", "--schedule-param", "ramp-until=9", "--aux-analogies", s.file("q2.txt", ": s\na b c d\n")], "ramp-until 9.0 is beyond the last epoch"),
        ]
        for (extra, expected) in cases {
            let r = try CLI.run(["train", "--input", corpus, "--output", s.at("v.txt"), "--epochs", "2", "--min-count", "1"] + extra)
            XCTAssertNotEqual(r.status, 0, "\(extra)")
            XCTAssertTrue(r.stderr.contains(expected), "\(extra): \(r.stderr)")
            XCTAssertFalse(s.exists("v.txt"))
        }
    }
}
