import Corpus
import Foundation
import XCTest

final class PhraseTests: XCTestCase {
    /// A text with planted phrases ("new york", "san francisco" ...) among random filler words.
    func plantedText(lines: Int = 400, seed: UInt64 = 7) -> String {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let phrases = [["new", "york"], ["san", "francisco"], ["hong", "kong"], ["new", "york", "city"]]
        var out = ""
        for i in 0..<lines {
            var words: [String] = []
            for _ in 0..<(3 + next(8)) {
                if next(4) == 0 { words += phrases[next(phrases.count)] } else { words.append("w\(next(60))") }
            }
            if i % 50 == 7 { words.append("new") }  // a lone "new" at a line end: no bigram across lines
            out += words.joined(separator: " ") + "\n"
            if i % 97 == 3 { out += "\n" }  // empty lines are kept
        }
        return out
    }

    func run(_ text: String, _ options: PhraseOptions, dir: TemporaryDirectory, output: String = "out.txt",
             table: Bool = true) throws -> (text: String, table: [String], stats: [PhrasePassStatistics]) {
        let input = dir.file("in.txt", text)
        let out = dir.path + "/" + output, tablePath = dir.path + "/phrases.tsv"
        let stats = try PhraseDetector.run(input: input, output: out, options: options, phraseTable: table ? tablePath : nil)
        var produced: [UInt8] = []
        try CorpusReader(path: out).forEachChunk { produced += $0 }
        let lines = table ? String(decoding: dir.read(tablePath), as: UTF8.self).split(separator: "\n").map(String.init) : []
        return (String(decoding: produced, as: UTF8.self), lines, stats)
    }

    /// word2phrase's formula computed here from scratch: counts within lines, then
    /// (count(ab) − min_count) / count(a) / count(b) · N, joined left to right when above the threshold.
    func testOnePassMatchesWord2PhraseFormula() throws {
        let text = plantedText()
        let minCount = 5, threshold = 5.0
        var unigrams: [String: Int] = [:], bigrams: [String: Int] = [:]
        var n = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0.split(separator: " ").map(String.init) }
        for words in lines {
            for (i, w) in words.enumerated() {
                unigrams[w, default: 0] += 1
                n += 1
                if i > 0 { bigrams[words[i - 1] + " " + w, default: 0] += 1 }
            }
        }
        func score(_ a: String, _ b: String) -> Double? {
            let ca = unigrams[a] ?? 0, cb = unigrams[b] ?? 0, cab = bigrams[a + " " + b] ?? 0
            guard ca >= minCount, cb >= minCount, cab > 0 else { return nil }
            return Double(cab - minCount) / Double(ca) / Double(cb) * Double(n)
        }
        var expectedTable: [String: Double] = [:]
        for (pair, _) in bigrams {
            let p = pair.split(separator: " ").map(String.init)
            if let s = score(p[0], p[1]), s > threshold { expectedTable[p[0] + "_" + p[1]] = s }
        }
        var expectedText = ""
        for words in lines {
            var out: [String] = []
            var i = 0
            while i < words.count {
                if i + 1 < words.count, let s = score(words[i], words[i + 1]), s > threshold {
                    out.append(words[i] + "_" + words[i + 1]); i += 2
                } else {
                    out.append(words[i]); i += 1
                }
            }
            expectedText += out.joined(separator: " ") + "\n"
        }
        XCTAssertTrue(expectedTable.keys.contains("new_york") && expectedTable.keys.contains("hong_kong"))
        XCTAssertFalse(expectedTable.keys.contains { $0.hasPrefix("w") }, "filler pairs must not score")

        var o = PhraseOptions()
        o.minCount = minCount
        o.threshold = threshold
        o.passes = 1
        o.threads = 3
        let dir = TemporaryDirectory()
        let r = try run(text, o, dir: dir)
        XCTAssertEqual(r.text, expectedText)
        var table: [String: Double] = [:]
        for line in r.table where !line.hasPrefix("#") {
            let f = line.split(separator: "\t").map(String.init)
            XCTAssertEqual(f.count, 4)
            XCTAssertEqual(f[3], "1")
            XCTAssertEqual(Int(f[2]), bigrams[f[0].replacingOccurrences(of: "_", with: " ")])
            table[f[0]] = Double(f[1])
        }
        XCTAssertEqual(table, expectedTable)
        XCTAssertEqual(r.stats[0].tokens, Int64(n))
        XCTAssertEqual(r.stats[0].phrases, expectedTable.count)
        // Best first.
        let scores = r.table.dropFirst().map { Double($0.split(separator: "\t")[1])! }
        XCTAssertEqual(scores, scores.sorted(by: >))
    }

    func testSecondPassJoinsPhrasesIntoLongerOnes() throws {
        var o = PhraseOptions()
        o.minCount = 5
        o.threshold = 5
        o.passes = 1
        let first = try run(plantedText(), o, dir: TemporaryDirectory())
        XCTAssertFalse(first.text.contains("new_york_city"))
        o.passes = 2
        let r = try run(plantedText(), o, dir: TemporaryDirectory())
        XCTAssertEqual(r.stats.count, 2)
        XCTAssertTrue(r.text.contains("new_york_city"))
        XCTAssertTrue(r.table.contains { $0.hasPrefix("new_york_city\t") && $0.hasSuffix("\t2") }, r.table.joined(separator: "\n"))
        // Pass 2 reads pass 1's text: its tokens are those of pass 1 minus the pass-2 joins.
        XCTAssertEqual(r.stats[1].tokens, r.stats[0].tokens - r.stats[0].joined)
    }

    func testNPMIMatchesItsFormula() throws {
        let text = plantedText()
        var o = PhraseOptions()
        o.scoring = .npmi
        o.minCount = 5
        o.threshold = 0.3
        o.passes = 1
        let r = try run(text, o, dir: TemporaryDirectory())
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        let n = Double(words.count)
        let count = { (w: String) in Double(words.filter { $0 == w }.count) }
        let line = try XCTUnwrap(r.table.first { $0.hasPrefix("hong_kong\t") })
        let f = line.split(separator: "\t")
        let cab = Double(f[2])!
        let expected = log((cab / n) / ((count("hong") / n) * (count("kong") / n))) / -log(cab / n)
        XCTAssertEqual(Double(f[1])!, expected, accuracy: 1e-12)
        XCTAssertTrue(r.text.contains("hong_kong"))
    }

    func testThreadsGzipAndBlockSizesDoNotChangeTheResult() throws {
        let text = plantedText(lines: 3000)
        var o = PhraseOptions()
        o.minCount = 5
        o.threshold = 5
        o.threads = 1
        let one = try run(text, o, dir: TemporaryDirectory())
        o.threads = 4
        let dir = TemporaryDirectory()
        let four = try run(text, o, dir: dir, output: "out.txt.gz")
        XCTAssertEqual(one.text, four.text)
        XCTAssertEqual(one.table, four.table)
        let bytes = dir.read(dir.path + "/out.txt.gz")
        XCTAssertEqual(Array(bytes.prefix(2)), [0x1f, 0x8b], "a .gz output is gzip")
        // Lines are kept one for one, empty ones included.
        XCTAssertEqual(one.text.split(separator: "\n", omittingEmptySubsequences: false).count,
                       text.split(separator: "\n", omittingEmptySubsequences: false).count)
    }

    func testPruningKeepsTheTablesWithinTheirBounds() throws {
        // 5,000 distinct rare bigrams plus a frequent phrase; bounds of 1,000 words and bigrams.
        var text = ""
        for i in 0..<2500 { text += "x\(i) y\(i) new york\n" }
        var o = PhraseOptions()
        o.minCount = 5
        o.threshold = 1
        o.passes = 1
        o.maxWords = 1000
        o.maxBigrams = 1000
        o.threads = 2
        let dir = TemporaryDirectory()
        let counts = try PhraseDetector.countFile(dir.file("in.txt", text), options: o)
        XCTAssertLessThanOrEqual(counts.bigramCount, 1000)
        XCTAssertLessThanOrEqual(counts.wordCount, 1000)
        XCTAssertGreaterThan(counts.prunings, 0)
        XCTAssertEqual(counts.tokens, 10_000)
        let r = try run(text, o, dir: dir)
        XCTAssertTrue(r.text.hasPrefix("x0 y0 new_york\n"), String(r.text.prefix(80)))
    }

    func testBadInputs() throws {
        let dir = TemporaryDirectory()
        let empty = dir.file("empty.txt", " \n\n \t\n")
        let out = dir.path + "/out.txt"
        XCTAssertThrowsError(try PhraseDetector.run(input: empty, output: out, options: PhraseOptions())) { e in
            XCTAssertEqual(e as? CorpusError, .emptyCorpus(path: empty))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        for (threshold, scoring) in [(0.0, PhraseScoring.word2phrase), (-3, .word2phrase), (0, .npmi), (1, .npmi), (.nan, .word2phrase)] {
            var o = PhraseOptions()
            o.threshold = threshold
            o.scoring = scoring
            XCTAssertThrowsError(try o.validate(), "\(threshold) \(scoring)") { e in
                XCTAssertTrue("\(e)".contains("--threshold"), "\(e)")
            }
        }
        var o = PhraseOptions()
        o.delimiter = "a b"
        XCTAssertThrowsError(try o.validate())
        o = PhraseOptions()
        o.passes = 0
        XCTAssertThrowsError(try o.validate())
    }
}
