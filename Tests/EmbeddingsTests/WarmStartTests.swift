import Corpus
@testable import Embeddings
import Foundation
import XCTest

final class WarmStartTests: XCTestCase {
    func vocabulary() -> Vocabulary {
        Vocabulary(words: ["the", "cat", "sat"].map { Array($0.utf8) }, counts: [9, 5, 3])
    }

    func testVectorFileSetsTheInputRowsOfKnownWordsOnly() throws {
        let file = Word2VecFile(words: ["sat", "dog", "the"], dim: 2, vectors: [1, 2, 3, 4, 5, 6])
        let table = EmbeddingTable(inputRows: 3, outputRows: 3, dim: 2)
        table.initializeWord2Vec(seed: 1)
        let cat = table.inputVector(1)
        let report = try WarmStart(path: "f", source: .vectors(file)).apply(to: table, vocabulary: vocabulary(), subwords: nil, outputs: true)
        XCTAssertEqual(report, WarmStart.Report(words: 2, vocabularySize: 3, path: "f"))
        XCTAssertEqual(report.description, "initialised 2 of 3 words from f")
        XCTAssertEqual([table.inputVector(0), table.inputVector(1), table.inputVector(2)], [[5, 6], cat, [1, 2]])
        XCTAssertEqual(table.output[0], 0)
    }

    func testDimensionMismatchIsAnError() {
        let file = Word2VecFile(words: ["the"], dim: 3, vectors: [1, 2, 3])
        let table = EmbeddingTable(inputRows: 3, outputRows: 3, dim: 2)
        XCTAssertThrowsError(try WarmStart(path: "f.vec", source: .vectors(file)).apply(to: table, vocabulary: vocabulary(), subwords: nil, outputs: false)) {
            XCTAssertTrue("\($0)".contains("f.vec: vectors of dimension 3, but the run trains dimension 2"), "\($0)")
        }
    }

    /// From a .bin: own rows, n-gram rows and output rows for FastText; composed vectors otherwise.
    func testModelFileGivesRowsOrComposedVectors() throws {
        let path = NSTemporaryDirectory() + "warm-\(UUID().uuidString).bin"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let options = SubwordOptions(minn: 3, maxn: 4, buckets: 50)
        let rows = SubwordRowTable(SubwordIndex(vocabulary: vocabulary(), options: options))
        let source = EmbeddingTable(inputRows: rows.inputRows, outputRows: 3, dim: 4)
        for r in 0..<rows.inputRows { for j in 0..<4 { source.input[r * source.stride + j] = Float(r * 4 + j) } }
        for r in 0..<3 { for j in 0..<4 { source.output[r * source.stride + j] = -Float(r * 4 + j) } }
        var h = FastTextHyperparameters()
        h.dim = 4
        h.subwords = options
        try FastTextBinFile.write(to: path, hyperparameters: h, vocabulary: vocabulary(), tokens: 17, usedBuckets: rows.usedBuckets, table: source)
        let start = try WarmStart.load(path: path) { XCTFail("a model file is not read as vectors: \($0)"); return Word2VecFile(words: [], dim: 0, vectors: []) }

        let fastText = EmbeddingTable(inputRows: rows.inputRows, outputRows: 3, dim: 4)
        let report = try start.apply(to: fastText, vocabulary: vocabulary(), subwords: rows, outputs: true)
        XCTAssertEqual([report.words, report.ngramRows, report.outputRows], [3, rows.usedBuckets.count, 3])
        for r in 0..<rows.inputRows { XCTAssertEqual(fastText.inputVector(r), source.inputVector(r)) }
        XCTAssertEqual(fastText.output[fastText.stride + 2], -6)

        let plain = EmbeddingTable(inputRows: 3, outputRows: 3, dim: 4)
        _ = try start.apply(to: plain, vocabulary: vocabulary(), subwords: nil, outputs: false)
        guard case .model(let model) = start.source else { return XCTFail("not read as a model") }
        XCTAssertEqual(plain.inputVector(1), model.vector(of: "cat")?.values)
        XCTAssertEqual(plain.output[0], 0)
    }
}
