import XCTest
import Corpus
import Embeddings
import Evaluation
@testable import Experiments

final class KnowledgeDataTests: XCTestCase {
    let vocabulary = Vocabulary(words: ["paris", "france", "athens", "greece", "rome", "italy", "good", "bad", "fine"].map { Array($0.utf8) },
                                counts: [9, 8, 7, 6, 5, 4, 3, 2, 1])
    var directory: String!

    override func setUp() {
        directory = NSTemporaryDirectory() + "mt2st-knowledge-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func write(_ name: String, _ text: String) -> String {
        let path = directory + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func id(_ w: String) -> Int32 { Int32(vocabulary.id(of: w)!) }

    func testMapsGroupsExcludesAndReportsTheOverlap() throws {
        let relations = write("r.txt", "capital Paris France\ncapital athens greece\ncapital rome italy\ncapital oslo norway\nlonely good fine\n")
        let constraints = write("c.txt", "synonym good fine\nantonym good bad\nsynonym paris oslo\nattract rome italy\nrepel greece italy\n")
        let analogies = write("q.txt", ": capital-common-countries\nathens greece oslo norway\n")
        let similarity = write("s.tsv", "GOOD\tbad\t1\nrome\tparis\t3\n")
        let exclude = try ExcludedPairs.load(paths: [analogies, similarity])
        XCTAssertEqual(exclude.files.map(\.kind), ["analogy", "similarity"])
        let data = try KnowledgeData.load(constraints: constraints, relations: relations, exclude: exclude, vocabulary: vocabulary)
        XCTAssertEqual(data.relationNames, ["capital"], "a relation with one pair makes no question")
        XCTAssertEqual(data.relations, [[RelationPair(first: id("paris"), second: id("france")), RelationPair(first: id("rome"), second: id("italy"))]])
        XCTAssertEqual(data.constraints, [ConstraintExample(u: id("good"), v: id("fine"), attract: true),
                                          ConstraintExample(u: id("rome"), v: id("italy"), attract: true),
                                          ConstraintExample(u: id("greece"), v: id("italy"), attract: false)])
        XCTAssertEqual(data.report, [
            "\(constraints): 3 constraints in the vocabulary (2 attract, 1 repel); 1 removed as evaluation pairs, 1 out of vocabulary",
            "\(relations): 2 relation pairs in the vocabulary in 1 relations (capital 2); 2 removed as evaluation pairs, 0 out of vocabulary",
            "excluded \(analogies) (analogy): 2 of its 2 pairs are in the knowledge data (100.0 %), none is trained on",
            "excluded \(similarity) (similarity): 1 of its 2 pairs are in the knowledge data (50.0 %), none is trained on",
        ])
    }

    func testNothingInTheVocabularyIsAnErrorNamingTheFile() throws {
        let relations = write("r.txt", "capital oslo norway\ncapital bern switzerland\n")
        XCTAssertThrowsError(try KnowledgeData.load(constraints: nil, relations: relations, exclude: ExcludedPairs(files: []), vocabulary: vocabulary)) {
            XCTAssertEqual("\($0)", "\(relations): no relation has two pairs with both words in the vocabulary (2 pairs, 0 excluded as evaluation pairs)")
        }
        let constraints = write("c.txt", "synonym good fine\n")
        let similarity = write("s.tsv", "fine good 8\n")
        XCTAssertThrowsError(try KnowledgeData.load(constraints: constraints, relations: nil, exclude: try ExcludedPairs.load(paths: [similarity]),
                                                    vocabulary: vocabulary)) {
            XCTAssertEqual("\($0)", "\(constraints): none of its 1 constraints has both words in the vocabulary (1 excluded as evaluation pairs)")
        }
    }

    func testExcludedFilesAreParsedWithLineNumbers() {
        let bad = write("bad.txt", ": section\na b c\n")
        XCTAssertThrowsError(try ExcludedPairs.load(paths: [bad])) { XCTAssertTrue("\($0)".hasPrefix("\(bad):2:"), "\($0)") }
        let plain = write("plain.txt", "a b c d\n")
        XCTAssertEqual(try ExcludedPairs.load(paths: [plain]).files[0].pairs, [PairKey("a", "b"), PairKey("c", "d")])
        XCTAssertEqual(PairKey("B", "a"), PairKey("a", "b"))
    }

    // Knowledge mode of `experiment`: the evaluated files' pairs never reach the knowledge tasks or
    // the retrofit lexicon; its table and runs.csv column.

    func testExperimentModeExcludesEveryEvaluatedFileFromTasksAndLexicon() throws {
        let vocabulary = Vocabulary(words: ["paris", "france", "athens", "greece", "rome", "italy", "good", "bad", "fine", "nice"].map { Array($0.utf8) },
                                    counts: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
        let relations = write("r.txt", "capital paris france\ncapital athens greece\ncapital rome italy\nopposite good bad\nopposite nice bad\n")
        let constraints = write("c.txt", "synonym good fine\nsynonym good nice\nsynonym fine nice\nantonym good bad\nsynonym paris rome\n")
        let analogies = write("q.txt", ": capital-common-countries\nathens greece paris france\n")
        let similarity = write("s.tsv", "good\tfine\t9\n")
        let simlex = write("simlex.txt", "# Word 1\tWord 2\tHuman (mean)\nNICE\tgood\t8\n")
        let extra = write("more.tsv", "paris rome 3\n")
        var data = try ExperimentData.whole(analogies: analogies, similarity: similarity, extraSimilarity: simlex)
        data.excludedFiles = [extra]
        XCTAssertEqual(data.evaluationFiles, [analogies, similarity, simlex, extra])
        XCTAssertTrue(data.devAnalogies.sections.isEmpty, "knowledge mode has no dev split")
        XCTAssertEqual(data.testAnalogies.sections.map(\.questions.count), [1], "the whole analogy file is scored")
        XCTAssertEqual(data.extraSimilarity?.pairs.count, 1)

        var files = KnowledgeFiles(constraints: constraints, relations: relations)
        files.retrofitIterations = 3
        let k = try PreparedKnowledge.load(files, evaluationFiles: data.evaluationFiles, vocabulary: vocabulary)
        func id(_ w: String) -> Int32 { Int32(vocabulary.id(of: w)!) }
        // Removed: athens-greece and paris-france (analogies), good-fine (similarity), nice-good (SimLex), paris-rome (extra).
        XCTAssertEqual(k.data.constraints, [ConstraintExample(u: id("fine"), v: id("nice"), attract: true),
                                            ConstraintExample(u: id("good"), v: id("bad"), attract: false)])
        XCTAssertEqual(k.data.relationNames, ["opposite"], "one capital pair is left: no question")
        XCTAssertEqual(k.data.relations, [[RelationPair(first: id("good"), second: id("bad")), RelationPair(first: id("nice"), second: id("bad"))]])
        XCTAssertEqual(k.lexicon.map { "\($0.0) \($0.1)" }, ["fine nice"], "the retrofit lexicon: synonyms minus the evaluated pairs")
        XCTAssertEqual(k.report.last, "retrofit lexicon (STL + retrofit row): 1 synonym pairs of \(constraints) (3 removed as evaluation pairs), 3 iterations")
        XCTAssertTrue(k.report.contains("excluded \(simlex) (similarity): 1 of its 1 pairs are in the knowledge data (100.0 %), none is trained on"),
                      "\(k.report)")
        XCTAssertTrue(k.report.contains("\(constraints): 2 constraints in the vocabulary (1 attract, 1 repel); 3 removed as evaluation pairs, 0 out of vocabulary"),
                      "\(k.report)")
    }

    func testKnowledgeRunsGetTheKnowledgeTableAndRoundTripTheirColumn() throws {
        func epoch(_ n: Int, test: Double, sim: Double, simlex: Double, seconds: Double) -> EpochRecord {
            var e = EpochRecord(epoch: n, primaryLoss: 0.5)
            e.test = AnalogyScores(total: test, semantic: test - 1, syntactic: test + 1)
            e.similaritySpearman = sim
            e.extraSimilaritySpearman = simlex
            e.primarySeconds = seconds
            e.primaryFlops = 1e12
            e.similarityFlops = n == 2 ? 1e10 : 0
            return e
        }
        let runs = [RunRecord(model: "skipgram", strategy: "stl", seed: 1, epochs: [epoch(1, test: 10, sim: 60, simlex: 30, seconds: 5),
                                                                                  epoch(2, test: 20, sim: 65, simlex: 35, seconds: 10)]),
                    RunRecord(model: "skipgram", strategy: PreparedKnowledge.retrofitStrategy, seed: 1,
                              epochs: [epoch(1, test: 9, sim: 58, simlex: 33, seconds: 5), epoch(2, test: 18, sim: 60, simlex: 37, seconds: 11)]),
                    RunRecord(model: "skipgram", strategy: "switch", seed: 1, epochs: [epoch(1, test: 11, sim: 61, simlex: 40, seconds: 6),
                                                                                     epoch(2, test: 21, sim: 66, simlex: 43, seconds: 11)])]
        XCTAssertTrue(KnowledgeTable.applies(runs))
        let table = KnowledgeTable.markdown(runs)
        XCTAssertTrue(table.contains("| Skip-Gram | STL + retrofit | 18.00 | 17.00 | 19.00 | 60.0 | 37.0 | -2.00 | -5.0 | +2.0 | 11.0 | 1.10 |"), table)
        XCTAssertTrue(table.contains("| Skip-Gram | MT2ST-S | 21.00 | 20.00 | 22.00 | 66.0 | 43.0 | +1.00 | +1.0 | +8.0 | 11.0 | 1.10 |"), table)
        let back = try RunsCSVReader.parse(RunsCSV.text(runs), path: "r.csv")
        XCTAssertEqual(RunsCSV.text(back), RunsCSV.text(runs), "every column read back (NaN ≠ NaN: compared as text)")
        XCTAssertEqual(back[2].epochs[1].extraSimilaritySpearman, 43)
        XCTAssertEqual(back.map(\.strategy), ["stl", "stl+retrofit", "switch"])
        // The paper's runs (dev scores) keep the paper's table.
        var paper = runs[0]
        paper.epochs[0].dev = AnalogyScores(total: 5, semantic: 5, syntactic: 5)
        XCTAssertFalse(KnowledgeTable.applies([paper]))
    }

    func testRunsFilesWithoutTheExtraSimilarityColumnStillRead() throws {
        var e = EpochRecord(epoch: 1, primaryLoss: 0.25)
        e.similaritySpearman = 50
        let text = RunsCSV.text([RunRecord(model: "cbow", strategy: "mtl", seed: 2, epochs: [e])])
        let column = RunsCSV.header.firstIndex(of: "extra_similarity_spearman")!
        let legacy = text.split(separator: "\n").map { line -> String in
            var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            f.remove(at: column)
            return f.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
        let back = try RunsCSVReader.parse(legacy, path: "old.csv")
        XCTAssertEqual(back[0].epochs[0].similaritySpearman, 50)
        XCTAssertTrue(back[0].epochs[0].extraSimilaritySpearman.isNaN)
    }
}

final class RetrofitterTests: XCTestCase {
    /// Faruqui et al.'s update, by hand: unit vectors, in row order, each update sees the earlier ones.
    func testTwoIterationsByHand() throws {
        let matrix = try EmbeddingMatrix(words: ["a", "b", "c", "D"], rows: [[2, 0], [0, 1], [1, 1], [3, 4]])
        let graph = Retrofitter(matrix: matrix, pairs: [("a", "b"), ("b", "a"), ("A", "c"), ("D", "a"), ("a", "a"), ("x", "a")])
        XCTAssertEqual(graph.edges, 3, "a-b, a-c (A lower-cased), a-D; repeated, self and unknown pairs dropped")
        XCTAssertEqual(graph.connectedWords, 4)
        var q: [[Float]] = [[1, 0], [0, 1], [0.70710677, 0.70710677], [0.6, 0.8]]
        let original = q
        for _ in 0..<2 {
            for (r, neighbours) in [(0, [1, 2, 3]), (1, [0]), (2, [0]), (3, [0])] {
                let degree = Float(neighbours.count)
                q[r] = (0..<2).map { j in (degree * original[r][j] + neighbours.reduce(0) { $0 + q[$1][j] }) / (2 * degree) }
            }
        }
        let result = graph.run(matrix, iterations: 2)
        for r in 0..<4 { for j in 0..<2 { XCTAssertEqual(result[r * 2 + j], q[r][j], accuracy: 1e-6) } }
    }

    func testLexiconKeepsSynonymsMinusExcludedPairs() throws {
        let dir = NSTemporaryDirectory() + "mt2st-lexicon-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/l.txt", contents: Data("synonym a b\nantonym a c\nattract c d\nsynonym e f\n".utf8))
        FileManager.default.createFile(atPath: dir + "/s.tsv", contents: Data("F E 3\n".utf8))
        let lexicon = try Retrofitter.lexicon(path: dir + "/l.txt", exclude: try ExcludedPairs.load(paths: [dir + "/s.tsv"]))
        XCTAssertEqual(lexicon.pairs.map { "\($0.0) \($0.1)" }, ["a b", "c d"])
        XCTAssertEqual(lexicon.removed, 1)
        XCTAssertEqual(lexicon.repel, 1)
    }
}
