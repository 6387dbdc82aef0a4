import Foundation
import XCTest

/// `data/build_wordnet.py`, the knowledge builder `make data` runs: on a hand-made WordNet database
/// (every kind of pair checked, byte-identical on a second run) and on the real one (Debian's
/// wordnet-base, which `scripts/ensure-deps.sh` installs).
final class WordNetBuildTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    func build(wordnet: String, output: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.repository + "/data/build_wordnet.py", "--wordnet", wordnet, "--output-dir", output]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func tinyWordNet(_ s: Scratch) -> String {
        try! FileManager.default.createDirectory(atPath: s.at("wn"), withIntermediateDirectories: true)
        s.file("wn/data.noun", """
          1 This software and database is being provided to you, the LICENSEE, by Princeton University
        00000001 15 n 02 Paris 0 City_of_Light 0 002 #p 00000002 n 0000 @ 00000003 n 0000 | the capital of France
        00000002 15 n 01 France 0 000 | a republic in western Europe
        00000003 15 n 02 capital 0 city 0 000 | a seat of government
        00000004 05 n 01 goose 0 000 | web-footed bird
        00000005 18 n 01 runner 0 001 + 00000020 v 0101 | someone who runs
        00000006 07 n 01 quickness 0 001 + 00000011 a 0101 | being quick

        """)
        s.file("wn/data.verb", """
        00000020 38 v 02 run 0 go 0 001 + 00000005 n 0101 01 + 01 00 | move fast
        00000021 38 v 01 stop 0 000 01 + 01 00 | come to a halt

        """)
        s.file("wn/data.adj", """
        00000010 01 a 01 French 0 001 \\ 00000002 n 0101 | of France
        00000011 00 a 01 quick 0 002 ! 00000012 a 0101 + 00000006 n 0101 | fast
        00000012 00 a 01 slow 0 001 ! 00000011 a 0101 | not fast
        00000013 00 s 02 good(a) 0 well-made 0 000 | of quality

        """)
        s.file("wn/data.adv", "00000030 02 r 01 quickly 0 001 \\ 00000011 a 0101 | with speed\n")
        s.file("wn/noun.exc", "geese goose\n")
        s.file("wn/verb.exc", "gone go\nran run\nrunning run\nstopped stop\nstopping stop\nwent go\n")
        s.file("wn/adj.exc", "best good\nbetter good well\n")
        s.file("wn/adv.exc", "")
        return s.at("wn")
    }

    func testEveryKindOfPairFromAHandMadeDatabaseAndADeterministicOutput() throws {
        let s = Scratch()
        let wn = tinyWordNet(s)
        try FileManager.default.createDirectory(atPath: s.at("a"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: s.at("b"), withIntermediateDirectories: true)
        let r = try build(wordnet: wn, output: s.at("a"))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try build(wordnet: wn, output: s.at("b")).status, 0)
        for name in ["wordnet-constraints.txt", "wordnet-relations.txt"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: s.at("a/" + name)))
            XCTAssertEqual(a, try Data(contentsOf: URL(fileURLWithPath: s.at("b/" + name))), "byte-identical: \(name)")
        }
        let constraints = try String(contentsOfFile: s.at("a/wordnet-constraints.txt"), encoding: .utf8)
        let rows = constraints.split(separator: "\n").filter { !$0.hasPrefix("#") }
        XCTAssertEqual(rows, ["antonym quick slow", "synonym capital city", "synonym go run"])
        XCTAssertTrue(constraints.contains("# synonym: 2\n# antonym: 1\n"), constraints)
        let relations = try String(contentsOfFile: s.at("a/wordnet-relations.txt"), encoding: .utf8)
        let pairs = relations.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        XCTAssertEqual(pairs, pairs.sorted(), "sorted")
        for expected in ["part-holonym paris france", "hypernym paris capital", "hypernym paris city", "pertainym france french",
                         "adj-adverb quick quickly", "derivation-verb-noun run runner",
                         "derivation-adj-noun quick quickness",
                         "noun-plural goose geese", "noun-plural city cities", "noun-plural capital capitals",
                         "verb-past run ran", "verb-past go went", "verb-participle go gone", "verb-3rd-person go goes",
                         "verb-past stop stopped", "verb-participle stop stopped", "verb-present-participle stop stopping",
                         "verb-present-participle run running", "verb-3rd-person stop stops",
                         "adj-comparative good better", "adj-superlative good best", "adj-comparative quick quicker",
                         "adj-superlative slow slowest"] {
            XCTAssertTrue(pairs.contains(expected), expected)
        }
        // Left out: multi-word and hyphenated lemmas, a generated form where the exception list has
        // one, the participle of run (= run), and a lexical pointer's other synonyms (go: runner).
        for absent in ["city_of_light", "well-made", "goose gooses", "verb-participle run", "verb-past go goed", "derivation-verb-noun go"] {
            XCTAssertFalse(relations.contains(absent), absent)
        }
        XCTAssertTrue(relations.contains("# part-holonym: 1\n"), relations)
    }

    func testMalformedDatabaseLineIsAnErrorNamingFileAndLine() throws {
        let s = Scratch()
        let wn = tinyWordNet(s)
        s.file("wn/data.verb", "00000020 38 v 02 run 0 go 0 001 + 00000005 n 0101 | ok\n00000021 38 v zz stop\n")
        let r = try build(wordnet: wn, output: s.path)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("wn/data.verb:2: malformed synset line"), r.stderr)
        XCTAssertFalse(s.exists("wordnet-relations.txt"))
        let missing = try build(wordnet: s.at("nowhere"), output: s.path)
        XCTAssertTrue(missing.stderr.contains("nowhere/data.noun is missing (install Debian's wordnet-base)"), missing.stderr)
    }

    /// The real WordNet 3.0 database gives the pairs the README promises.
    func testRealWordNet() throws {
        let wordnet = "/usr/share/wordnet"
        guard FileManager.default.fileExists(atPath: wordnet + "/data.noun") else {
            throw XCTSkip("wordnet-base is not installed (scripts/ensure-deps.sh installs it)")
        }
        let s = Scratch()
        let r = try build(wordnet: wordnet, output: s.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        let relations = try String(contentsOfFile: s.at("wordnet-relations.txt"), encoding: .utf8)
        for line in ["part-holonym paris france", "part-holonym athens greece", "pertainym france french", "verb-past go went",
                     "verb-participle see seen", "adj-comparative good better", "noun-plural child children",
                     "adj-adverb quick quickly", "hypernym dog canine"] {
            XCTAssertTrue(relations.contains("\n" + line + "\n"), line)
        }
        let constraints = try String(contentsOfFile: s.at("wordnet-constraints.txt"), encoding: .utf8)
        XCTAssertTrue(constraints.contains("\nantonym bad good\n"))
        XCTAssertTrue(constraints.contains("\nsynonym car machine\n"))
        let synonyms = Int(constraints.split(separator: "\n").first { $0.hasPrefix("# synonym: ") }!.dropFirst(11))!
        XCTAssertGreaterThan(synonyms, 60_000)
    }
}
