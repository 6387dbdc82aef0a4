import Corpus
@testable import Embeddings
import Foundation
import XCTest

final class FastTextModelFileTests: XCTestCase {
    var directory = ""

    override func setUp() {
        directory = NSTemporaryDirectory() + "mt2st-ftmodel-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func vocabulary() -> Vocabulary {
        Vocabulary(words: ["the", "cat", "sat", "mat", "été"].map { Array($0.utf8) }, counts: [50, 9, 9, 7, 6])
    }

    func hyperparameters(buckets: Int = 97, minn: Int = 3, maxn: Int = 5, dim: Int = 20) -> FastTextHyperparameters {
        var h = FastTextHyperparameters()
        h.dim = dim
        h.cbow = true
        h.window = 3
        h.negatives = 4
        h.epochs = 2
        h.minCount = 2
        h.sample = 1e-4
        h.alpha = 0.05
        h.minAlpha = 1e-6
        h.seed = 42
        h.subwords = SubwordOptions(minn: minn, maxn: maxn, buckets: buckets)
        return h
    }

    /// A table with recognisable values: row r, column j holds r + j / 1000.
    func table(_ v: Vocabulary, _ h: FastTextHyperparameters, used: Int) -> EmbeddingTable {
        let rows = v.size + used
        let t = EmbeddingTable(inputRows: rows, outputRows: v.size, dim: h.dim)
        for r in 0..<rows { for j in 0..<h.dim { t.input[r * t.stride + j] = Float(r) + Float(j) / 1000 } }
        return t
    }

    /// Writes a model whose stored buckets are `used` (default: all of them, so row 5 + b is bucket b's).
    func write(_ name: String = "m.bin", h: FastTextHyperparameters? = nil, used: [Int32]? = nil) throws -> (String, EmbeddingTable) {
        let h = h ?? hyperparameters()
        let used = used ?? (h.subwords.enabled ? (0..<Int32(h.subwords.buckets)).map { $0 } : [])
        let v = vocabulary()
        let t = table(v, h, used: used.count)
        let path = directory + "/" + name
        try FastTextModelFile.write(to: path, hyperparameters: h, vocabulary: v, usedBuckets: used, table: t)
        return (path, t)
    }

    func testRoundTripKeepsHyperparametersVocabularyAndRows() throws {
        let (path, t) = try write()
        let model = try FastTextModelFile.read(path: path)
        XCTAssertEqual(model.hyperparameters, hyperparameters())
        XCTAssertEqual(model.vocabulary.size, 5)
        XCTAssertEqual((0..<5).map { model.vocabulary.word($0) }, ["the", "cat", "sat", "mat", "été"])
        XCTAssertEqual(model.vocabulary.counts, [50, 9, 9, 7, 6])
        XCTAssertEqual(model.rows, 5 + 97)
        for r in [0, 4, 5, 60, 101] {
            XCTAssertEqual(model.inputRow(r), t.inputVector(r))
        }
        // Size: header, vocabulary, padding to 64, then the matrix.
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        XCTAssertEqual(size % 4, 0)
        XCTAssertEqual((size - 102 * 20 * 4) % 64, 0)
    }

    func testKnownWordVectorIsMeanOfWordRowAndNgramRows() throws {
        let (path, t) = try write()
        let model = try FastTextModelFile.read(path: path)
        let v = try XCTUnwrap(model.vector(of: "cat"))
        XCTAssertTrue(v.inVocabulary)
        // <cat>: n-grams of 3...5 characters: <ca cat at> <cat cat> <cat>
        let buckets = SubwordOptions(minn: 3, maxn: 5, buckets: 97).buckets(of: "cat")
        XCTAssertEqual(buckets.count, 6)
        XCTAssertEqual(v.ngrams, 6)
        let rows = [1] + buckets.map { 5 + $0 }
        for j in [0, 7, 19] {
            let expected = rows.map { t.inputVector($0)[j] }.reduce(0, +) / Float(rows.count)
            XCTAssertEqual(v.values[j], expected, accuracy: 1e-4)
        }
        // The same as the vector written for the vocabulary.
        let all = model.vocabularyVectors()
        XCTAssertEqual(Array(all[20..<40]), v.values)
    }

    func testUnknownWordGetsMeanOfItsNgramRows() throws {
        let (path, t) = try write()
        let model = try FastTextModelFile.read(path: path)
        let v = try XCTUnwrap(model.vector(of: "cats"))
        XCTAssertFalse(v.inVocabulary)
        let rows = SubwordOptions(minn: 3, maxn: 5, buckets: 97).buckets(of: "cats").map { 5 + $0 }
        XCTAssertEqual(v.ngrams, rows.count)
        let expected = rows.map { t.inputVector($0)[3] }.reduce(0, +) / Float(rows.count)
        XCTAssertEqual(v.values[3], expected, accuracy: 1e-4)
    }

    func testOnlyStoredBucketsCount() throws {
        let options = SubwordOptions(minn: 3, maxn: 5, buckets: 97)
        let cats = options.buckets(of: "cats")
        // Keep "cats"'s first two distinct buckets only.
        let kept = Array(Set(cats)).sorted().prefix(2).map { Int32($0) }
        let (path, t) = try write(used: kept)
        let model = try FastTextModelFile.read(path: path)
        XCTAssertEqual(model.rows, 5 + 2)
        XCTAssertEqual(model.row(ofBucket: Int(kept[1])), 6)
        let v = try XCTUnwrap(model.vector(of: "cats"))
        let rows = cats.compactMap { kept.firstIndex(of: Int32($0)) }.map { 5 + $0 }
        XCTAssertEqual(v.ngrams, rows.count)
        XCTAssertEqual(v.allNgrams, cats.count)
        // Buckets without a row count as zero rows (as fastText reads them from our .bin).
        XCTAssertEqual(v.values[2], rows.map { t.inputVector($0)[2] }.reduce(0, +) / Float(cats.count), accuracy: 1e-4)
        // A word none of whose n-grams is stored has no vector.
        let other = (0..<200).map { "q\($0)z" }.first { w in options.buckets(of: w).allSatisfy { !kept.contains(Int32($0)) } }!
        XCTAssertNil(model.vector(of: other))
        // Known words keep their own row even when none of their n-grams is stored.
        XCTAssertEqual(model.vector(of: "the")?.inVocabulary, true)
    }

    func testWithoutSubwordsUnknownWordsHaveNoVector() throws {
        let (path, _) = try write(h: hyperparameters(buckets: 2_000_000, minn: 0, maxn: 0))
        let model = try FastTextModelFile.read(path: path)
        XCTAssertEqual(model.rows, 5)
        XCTAssertNil(model.vector(of: "cats"))
        XCTAssertEqual(model.vector(of: "sat")?.values, model.inputRow(2))
    }

    func testTruncatedFileIsRejected() throws {
        let (path, _) = try write()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        for cut in [10, 50, 120, data.count - 1] {
            let p = directory + "/cut\(cut).bin"
            try data.prefix(cut).write(to: URL(fileURLWithPath: p))
            XCTAssertThrowsError(try FastTextModelFile.read(path: p), "cut at \(cut)") { error in
                guard case ModelFileError.truncated(let reported, _, let actual) = error else {
                    return XCTFail("cut at \(cut): \(error)")
                }
                XCTAssertEqual(reported, p)
                XCTAssertEqual(actual, cut)
            }
        }
    }

    func testOtherVersionIsRejected() throws {
        let (path, _) = try write()
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data[8] = 2
        try data.write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try FastTextModelFile.read(path: path)) { error in
            XCTAssertEqual(error as? ModelFileError, .unsupportedVersion(path: path, version: 2))
            XCTAssertTrue("\(error)".contains("version 2; this mt2st-embed reads version 1"), "\(error)")
        }
    }

    func testNotAModelFileIsRejected() throws {
        let text = directory + "/vectors.txt"
        try "2 3\na 1 2 3\nb 4 5 6\n".write(toFile: text, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try FastTextModelFile.read(path: text)) { error in
            XCTAssertEqual(error as? ModelFileError, .notAModelFile(path: text))
        }
        let empty = directory + "/empty"
        try Data().write(to: URL(fileURLWithPath: empty))
        XCTAssertThrowsError(try FastTextModelFile.read(path: empty)) { error in
            XCTAssertEqual(error as? ModelFileError, .notAModelFile(path: empty))
        }
        let fastText = directory + "/ft.bin"
        try Data([0xBA, 0x16, 0x4F, 0x2F, 12, 0, 0, 0]).write(to: URL(fileURLWithPath: fastText))
        XCTAssertThrowsError(try FastTextModelFile.read(path: fastText)) { error in
            XCTAssertEqual(error as? ModelFileError, .truncatedIn(path: fastText, actualBytes: 8, section: "header (args)"))
        }
        XCTAssertThrowsError(try FastTextModelFile.read(path: directory + "/missing")) { error in
            guard case ModelFileError.cannotOpen = error else { return XCTFail("\(error)") }
        }
    }

    func testCorruptHeaderFieldsAreRejected() throws {
        let (path, _) = try write()
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        // architecture 7, more stored buckets than there are, trailing garbage.
        for (offset, byte) in [(12, UInt8(7)), (96, UInt8(1))] {
            var data = original
            data[offset == 96 ? 97 : offset] = byte
            try data.write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try FastTextModelFile.read(path: path)) { error in
                guard case ModelFileError.corrupt(_, let at, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(at, offset)
            }
        }
        try (original + Data([1, 2, 3, 4])).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try FastTextModelFile.read(path: path)) { error in
            guard case ModelFileError.corrupt = error else { return XCTFail("\(error)") }
        }
    }

    func testFailedWriteLeavesNothing() throws {
        let h = hyperparameters()
        let v = vocabulary()
        let t = table(v, h, used: 0)
        let path = directory + "/no-such-dir/m.bin"
        XCTAssertThrowsError(try FastTextModelFile.write(to: path, hyperparameters: h, vocabulary: v, usedBuckets: [], table: t))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [])
    }
}
