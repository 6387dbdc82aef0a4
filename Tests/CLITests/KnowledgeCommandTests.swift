import Foundation
import XCTest

extension Scratch {
    /// Knowledge files for `pairCorpus` named as `make data` names them: capital and adverb
    /// relations, synonyms (cityN landN) and antonyms (very so).
    func knowledgeDir() -> String {
        let dir = at("knowledge")
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var relations = "# relation word1 word2\n"
        for i in 0..<10 { relations += "capital city\(i) land\(i)\nadverb adj\(i) adj\(i)ly\n" }
        relations += "capital unknownword otherword\n"
        file("knowledge/wordnet-relations.txt", relations)
        var constraints = "# kind word1 word2\n"
        for i in 0..<10 { constraints += "synonym city\(i) land\(i)\n" }
        constraints += "antonym very so\n"
        file("knowledge/wordnet-constraints.txt", constraints)
        return dir
    }
}

final class KnowledgeTrainCommandTests: XCTestCase {
    func trainArgs(_ s: Scratch, output: String, model: String = "skipgram") -> [String] {
        ["train", "--model", model, "--input", s.pairCorpus(), "--output", output, "--min-count", "1", "--dim", "16", "--epochs", "2",
         "--threads", "1", "--quiet", "--aux-every", "200", "--aux-examples", "5"]
    }

    func testKnowledgeWordnetTrainsEveryModel() throws {
        let s = Scratch()
        let dir = s.knowledgeDir()
        for model in ["skipgram", "cbow", "fasttext", "glove"] {
            let out = s.at("\(model).txt")
            let r = try CLI.run(trainArgs(s, output: out, model: model) + ["--knowledge", "wordnet", "--knowledge-dir", dir])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(s.exists("\(model).txt"), model)
            XCTAssertTrue(r.stderr.contains("20 relation pairs in the vocabulary in 2 relations (adverb 10, capital 10); 0 removed as evaluation pairs, 1 out of vocabulary"), r.stderr)
            XCTAssertTrue(r.stderr.contains("11 constraints in the vocabulary (10 attract, 1 repel)"), r.stderr)
            XCTAssertTrue(r.stderr.contains("MT2ST switch: knowledge tasks; 5 examples per task every 200 tokens per thread, until epoch 2.0"),
                          "the knowledge preset without --schedule: \(r.stderr)")
            for epoch in 1...2 {
                let line = r.stderr.split(separator: "\n").first { $0.contains("auxiliary, epoch \(epoch):") }.map(String.init) ?? ""
                XCTAssertTrue(line.contains("relation-analogy loss") && line.contains("attract-repel loss"), "\(model): \(r.stderr)")
                XCTAssertFalse(line.contains("(0 steps"), "\(model): \(line)")
            }
        }
    }

    func testSwitchStopsTheKnowledgeTasksAndSeedsAreReproducible() throws {
        let s = Scratch()
        let dir = s.knowledgeDir()
        var outputs: [Data] = []
        for name in ["a.txt", "b.txt"] {
            let r = try CLI.run(trainArgs(s, output: s.at(name)) + ["--knowledge", "wordnet", "--knowledge-dir", dir,
                                                                   "--schedule", "switch", "--switch-at", "1"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("auxiliary, epoch 2: relation-analogy loss – (0 steps, γ 0.000), attract-repel loss – (0 steps, γ 0.000)"), r.stderr)
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: s.at(name))))
        }
        XCTAssertEqual(outputs[0], outputs[1], "same seed, one thread: identical vectors")
        let stl = s.at("stl.txt")
        XCTAssertEqual(try CLI.run(trainArgs(s, output: stl)).status, 0)
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: stl)), outputs[0], "the knowledge tasks change the vectors")
    }

    func testExcludePairsRemovesEvaluationPairsAndReportsTheOverlap() throws {
        let s = Scratch()
        let dir = s.knowledgeDir()
        let analogies = s.file("eval-analogies.txt", ": capital\ncity0 land0 city1 land1\ncity1 land1 nowhere never\n")
        let similarity = s.file("eval-similarity.tsv", "city2\tLAND2\t9\nvery\tso\t1\nadj3\tadj4\t2\n")
        let r = try CLI.run(trainArgs(s, output: s.at("v.txt")) + ["--knowledge", "wordnet", "--knowledge-dir", dir,
                                                                   "--exclude-pairs", analogies, similarity])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("17 relation pairs in the vocabulary in 2 relations (adverb 10, capital 7); 3 removed as evaluation pairs"), r.stderr)
        XCTAssertTrue(r.stderr.contains("7 constraints in the vocabulary (7 attract, 0 repel); 4 removed as evaluation pairs"), r.stderr)
        XCTAssertTrue(r.stderr.contains("excluded \(analogies) (analogy): 2 of its 3 pairs are in the knowledge data (66.7 %)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("excluded \(similarity) (similarity): 2 of its 3 pairs are in the knowledge data (66.7 %)"), r.stderr)
    }

    func testKnowledgeWordnetWithoutTheBuiltFilesSaysHowToBuildThem() throws {
        let s = Scratch()
        let empty = s.at("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        for args in [["--knowledge-dir", empty], []] {
            let r = try CLI.run(trainArgs(s, output: s.at("v.txt")) + ["--knowledge", "wordnet"] + args,
                                environment: ["MT2ST_DATA_DIR": empty])
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stderr.contains("\(empty)/wordnet-relations.txt is missing: build the WordNet knowledge files with `make data`"), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertFalse(s.exists("v.txt"))
        }
    }

    /// Without --schedule the knowledge tasks use the measured preset (switch at epoch 2, 200
    /// examples per round); explicit options and --schedule win.
    func testKnowledgePresetAndItsOverrides() throws {
        let s = Scratch()
        let dir = s.knowledgeDir()
        let base = ["train", "--input", s.pairCorpus(), "--output", s.at("v.txt"), "--min-count", "1", "--dim", "16",
                    "--threads", "1", "--quiet", "--knowledge", "wordnet", "--knowledge-dir", dir]
        let cases: [([String], String)] = [
            (["--epochs", "3"], "MT2ST switch: knowledge tasks; 200 examples per task every 2500 tokens per thread, until epoch 2.0"),
            (["--epochs", "1"], "MT2ST switch: knowledge tasks; 200 examples per task every 2500 tokens per thread, until epoch 1.0"),
            (["--epochs", "3", "--switch-at", "3", "--aux-examples", "7", "--aux-every", "900"], "MT2ST switch: knowledge tasks; 7 examples per task every 900 tokens per thread, until epoch 3.0"),
            (["--epochs", "3", "--schedule", "mtl"], "MT2ST mtl: knowledge tasks; 50 examples per task every 10000 tokens per thread\n"),
        ]
        for (args, expected) in cases {
            let r = try CLI.run(base + args)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
        }
    }

    func testKnowledgeOptionsWithoutKnowledgeAreRejected() throws {
        let s = Scratch()
        let a = try CLI.run(trainArgs(s, output: s.at("v.txt")) + ["--exclude-pairs", s.pairSimilarity()])
        XCTAssertEqual(a.status, 64)
        XCTAssertTrue(a.stderr.contains("--exclude-pairs removes pairs from the knowledge data"), a.stderr)
        let b = try CLI.run(trainArgs(s, output: s.at("v.txt")) + ["--knowledge-dir", s.path])
        XCTAssertEqual(b.status, 64)
        XCTAssertTrue(b.stderr.contains("--knowledge-dir needs --knowledge wordnet"), b.stderr)
        XCTAssertFalse(s.exists("v.txt"))
    }

    func testBadKnowledgeFilesAreErrorsNamingFileAndLine() throws {
        let s = Scratch()
        let existing = s.file("v.txt", "keep me\n")
        let cases: [(String, String, String)] = [
            ("--aux-relations", "capital city0 land0\ncapital city1\n", "rel.txt:2: expected 'label word1 word2' (3 fields), found 2 fields"),
            ("--aux-constraints", "synonym city0 land0\nhyponym city1 land1\n", "con.txt:2: unknown kind 'hyponym'"),
            ("--aux-relations", "# nothing\n", "rel.txt: no 'label word1 word2' pairs found"),
            ("--aux-relations", "capital alpha beta\ncapital gamma delta\n",
             "rel.txt: no relation has two pairs with both words in the vocabulary (2 pairs, 0 excluded as evaluation pairs)"),
            ("--aux-constraints", "synonym alpha beta\n", "con.txt: none of its 1 constraints has both words in the vocabulary"),
        ]
        for (option, contents, message) in cases {
            let path = s.file(option == "--aux-relations" ? "rel.txt" : "con.txt", contents)
            let r = try CLI.run(trainArgs(s, output: existing) + [option, path])
            XCTAssertNotEqual(r.status, 0, message)
            XCTAssertTrue(r.stderr.contains(message), "\(message) / \(r.stderr)")
            XCTAssertEqual(try String(contentsOfFile: existing, encoding: .utf8), "keep me\n", "an existing output survives")
        }
        let r = try CLI.run(trainArgs(s, output: existing) + ["--aux-relations", s.at("missing.txt")])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("missing.txt: cannot open"), r.stderr)
        let bad = try CLI.run(trainArgs(s, output: existing) + ["--aux-relations", s.knowledgeDir() + "/wordnet-relations.txt",
                                                                "--exclude-pairs", s.file("bad.tsv", "a b c d e\n")])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("bad.tsv:1:"), bad.stderr)
    }
}

final class RetrofitCommandTests: XCTestCase {
    func vectors(_ s: Scratch) -> String {
        s.file("v.txt", """
        4 3
        cat 1 0 0
        dog 0 1 0
        car 0 0 2
        auto 0 2 2

        """)
    }

    func testRetrofitMovesSynonymsTogetherAndKeepsTheOthers() throws {
        let s = Scratch()
        let lexicon = s.file("lex.txt", "synonym cat dog\nantonym cat car\nsynonym car auto\nsynonym dog unknown\n")
        for binary in [false, true] {
            let out = s.at(binary ? "r.bin" : "r.txt")
            let r = try CLI.run(["retrofit", "--vectors", vectors(s), "--lexicon", lexicon, "--output", out, "--iterations", "1"]
                                + (binary ? ["--binary"] : []))
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("lexicon: 3 synonym pairs (0 removed as evaluation pairs, 1 antonym lines ignored); 2 edges between 4 of 4 words"), r.stderr)
            let e = try CLI.run(["neighbors", "--vectors", out, "-k", "1", "cat"])
            XCTAssertTrue(e.stdout.contains("dog"), e.stdout)
        }
        // One iteration by hand (unit vectors; in file order, each update sees the earlier ones):
        // cat = (1·ĉat + dog)/2 = (.5, .5, 0); dog = (1·dôg + cat')/2 = (.25, .75, 0);
        // car = (ĉar + auto)/2 with auto = (0, .7071, .7071): (0, .353553, .853553); auto = (âuto + car')/2.
        let text = try String(contentsOfFile: s.at("r.txt"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines[0], "4 3")
        XCTAssertEqual(lines[1], "cat 0.500000 0.500000 0.000000")
        XCTAssertEqual(lines[2], "dog 0.250000 0.750000 0.000000")
        XCTAssertEqual(lines[3], "car 0.000000 0.353553 0.853553")
        XCTAssertEqual(lines[4], "auto 0.000000 0.530330 0.780330")
    }

    func testExcludedPairsAndNoOverlapAreReported() throws {
        let s = Scratch()
        let existing = s.file("out.txt", "keep\n")
        let lexicon = s.file("lex.txt", "synonym cat dog\nsynonym zebra yak\n")
        let sim = s.file("sim.tsv", "cat\tdog\t8\n")
        let r = try CLI.run(["retrofit", "--vectors", vectors(s), "--lexicon", lexicon, "--output", existing, "--exclude-pairs", sim])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("lex.txt: none of its 1 synonym pairs has both words in \(s.at("v.txt")): nothing to retrofit"), r.stderr)
        XCTAssertEqual(try String(contentsOfFile: existing, encoding: .utf8), "keep\n")
        let bad = try CLI.run(["retrofit", "--vectors", vectors(s), "--lexicon", s.file("bad.txt", "synonym cat\n"), "--output", existing])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("bad.txt:1: expected 'label word1 word2'"), bad.stderr)
        XCTAssertEqual(try CLI.run(["retrofit", "--vectors", vectors(s), "--lexicon", lexicon, "--output", existing, "--iterations", "0"]).status, 64)
    }
}
