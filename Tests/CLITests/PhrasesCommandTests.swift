import Foundation
import XCTest

final class PhrasesCommandTests: XCTestCase {
    /// Filler words with planted phrases ("new york", "hong kong", "new york city").
    func text(lines: Int = 1500) -> String {
        var state: UInt64 = 99
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let planted = [["new", "york"], ["hong", "kong"], ["new", "york", "city"]]
        return (0..<lines).map { _ in
            (0..<(2 + next(9))).flatMap { _ in next(3) == 0 ? planted[next(3)] : ["w\(next(80))"] }.joined(separator: " ")
        }.joined(separator: "\n") + "\n"
    }

    func gunzip(_ path: String) throws -> String {
        let p = Process(), out = Pipe()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-dc", path]
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        return String(decoding: data, as: UTF8.self)
    }

    func testJoinsPhrasesWritesGzipAndThePhraseTable() throws {
        let s = Scratch()
        let input = s.file("in.txt", text())
        let r = try CLI.run(["phrases", "--input", input, "--output", s.at("out.txt.gz"), "--threshold", "3",
                             "--save-phrases", s.at("phrases.tsv"), "--threads", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("pass 1:") && r.stderr.contains("pass 2:"), r.stderr)
        let out = try gunzip(s.at("out.txt.gz"))
        XCTAssertTrue(out.contains("new_york_city") && out.contains("hong_kong"), r.stderr + String(out.prefix(300)))
        XCTAssertEqual(out.split(separator: "\n", omittingEmptySubsequences: false).count, 1501)
        let table = try String(contentsOfFile: s.at("phrases.tsv"), encoding: .utf8)
        XCTAssertTrue(table.hasPrefix("# phrase\tscore\tcount\tpass\n"))
        XCTAssertTrue(table.contains("\nhong_kong\t"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: s.path).sorted(), ["in.txt", "out.txt.gz", "phrases.tsv"],
                       "no temporary file is left behind")
    }

    /// The same phrases, scores and text as gensim's Phrases + phrases[...] (scripts/gensim_phrases.py),
    /// with word2phrase's formula as gensim's scoring function, and with gensim's own NPMI.
    func testAgreesWithGensimPhrases() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/gensim_phrases.py").path
        let s = Scratch()
        let input = s.file("in.txt", text(lines: 3000))
        for (scoring, threshold) in [("word2phrase", "5"), ("npmi", "0.3")] {
            let ours = try CLI.run(["phrases", "--input", input, "--output", s.at("ours-\(scoring).txt"), "--scoring", scoring,
                                    "--threshold", threshold, "--save-phrases", s.at("ours-\(scoring).tsv")])
            XCTAssertEqual(ours.status, 0, ours.stderr)
            let p = Process(), err = Pipe()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", script, input, s.at("gensim-\(scoring).txt"), "--scoring", scoring, "--threshold", threshold,
                           "--save-phrases", s.at("gensim-\(scoring).tsv")]
            p.standardError = err
            try p.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, "gensim (scripts/ensure-deps.sh installs it): \(message)")
            XCTAssertEqual(try String(contentsOfFile: s.at("ours-\(scoring).txt"), encoding: .utf8),
                           try String(contentsOfFile: s.at("gensim-\(scoring).txt"), encoding: .utf8), scoring)
            func table(_ path: String, scoreField: Int, passField: Int) throws -> [String: Double] {
                var t: [String: Double] = [:]
                for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
                    let f = line.split(separator: "\t")
                    t[f[passField] + ":" + f[0]] = Double(f[scoreField])!
                }
                return t
            }
            let ourTable = try table(s.at("ours-\(scoring).tsv"), scoreField: 1, passField: 3)
            let gensimTable = try table(s.at("gensim-\(scoring).tsv"), scoreField: 1, passField: 2)
            // Pass 1 only: gensim's export_phrases splits a later pass's phrase (new_york + city) on every
            // delimiter and scores new + city instead; phrases[...] (the text) uses the right parts.
            let firstPass = { (t: [String: Double]) in t.filter { $0.key.hasPrefix("1:") } }
            XCTAssertEqual(Set(firstPass(ourTable).keys), Set(firstPass(gensimTable).keys), scoring)
            XCTAssertGreaterThan(ourTable.count, 2)
            for (k, v) in firstPass(ourTable) { XCTAssertEqual(v, gensimTable[k] ?? .nan, accuracy: 1e-9 * abs(v), k) }
        }
    }

    func testBadInputFailsWithOneLineAndKeepsTheOutput() throws {
        let s = Scratch()
        let input = s.file("in.txt", text(lines: 50))
        let empty = s.file("empty.txt", "\n  \n")
        s.file("out.txt", "old")
        let cases: [([String], String)] = [
            (["--input", empty], "empty.txt: empty corpus"),
            (["--input", input, "--threshold", "0"], "--threshold must be a positive number"),
            (["--input", input, "--threshold=-5"], "--threshold must be a positive number"),
            (["--input", input, "--scoring", "npmi", "--threshold", "1"], "--threshold must be below 1"),
            (["--input", input, "--passes", "0"], "--passes must be at least 1"),
            (["--input", input, "--delimiter", ""], "--delimiter"),
            (["--input", s.at("missing.txt")], "missing.txt: cannot open"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(["phrases", "--output", s.at("out.txt")] + args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").filter { $0.contains("rror") }.count, 1, r.stderr)
            XCTAssertEqual(try String(contentsOfFile: s.at("out.txt"), encoding: .utf8), "old", "\(args)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: s.path).sorted(), ["empty.txt", "in.txt", "out.txt"])
    }
}
