import Corpus
@testable import Embeddings
import Foundation
import XCTest

final class FastTextBinFileTests: XCTestCase {
    var directory = ""

    override func setUp() {
        directory = NSTemporaryDirectory() + "mt2st-ftbin-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    let options = SubwordOptions(minn: 3, maxn: 5, buckets: 97)

    func vocabulary() -> Vocabulary {
        Vocabulary(words: ["the", "cat", "sat", "mat", "été"].map { Array($0.utf8) }, counts: [50, 9, 9, 7, 6])
    }

    func hyperparameters(_ subwords: SubwordOptions? = nil) -> FastTextHyperparameters {
        var h = FastTextHyperparameters()
        h.dim = 6
        h.window = 3
        h.negatives = 4
        h.epochs = 2
        h.minCount = 2
        h.sample = 1e-4
        h.subwords = subwords ?? options
        return h
    }

    /// The buckets the vocabulary uses and a table of recognisable values (input row r, column
    /// j = r + j / 8 + 1; output row r = -(r + j / 8)).
    func trained(_ h: FastTextHyperparameters) -> (rows: SubwordRowTable, table: EmbeddingTable) {
        let rows = SubwordRowTable(SubwordIndex(vocabulary: vocabulary(), options: h.subwords))
        let t = EmbeddingTable(inputRows: rows.inputRows, outputRows: rows.words, dim: h.dim)
        for r in 0..<rows.inputRows { for j in 0..<h.dim { t.input[r * t.stride + j] = Float(r) + Float(j) / 8 + 1 } }
        for r in 0..<rows.words { for j in 0..<h.dim { t.output[r * t.stride + j] = -(Float(r) + Float(j) / 8) } }
        return (rows, t)
    }

    func write(_ name: String, _ h: FastTextHyperparameters) throws -> (String, SubwordRowTable, EmbeddingTable) {
        let (rows, t) = trained(h)
        let path = directory + "/" + name
        try FastTextBinFile.write(to: path, hyperparameters: h, vocabulary: vocabulary(), tokens: 1234, usedBuckets: rows.usedBuckets, table: t)
        return (path, rows, t)
    }

    func i32(_ d: Data, _ at: Int) -> Int32 { d.subdata(in: at..<at + 4).withUnsafeBytes { Int32(littleEndian: $0.loadUnaligned(as: Int32.self)) } }
    func i64(_ d: Data, _ at: Int) -> Int64 { d.subdata(in: at..<at + 8).withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(as: Int64.self)) } }

    func testLayoutIsFastTextsVersion12() throws {
        let (path, _, _) = try write("m.bin", hyperparameters())
        let d = try Data(contentsOf: URL(fileURLWithPath: path))
        // magic, version, dim ws epoch minCount neg wordNgrams loss(ns) model(sg) bucket minn maxn lrUpdateRate
        XCTAssertEqual((0..<14).map { i32(d, 4 * $0) }, [793_712_314, 12, 6, 3, 2, 2, 4, 1, 2, 2, 97, 3, 5, 100])
        XCTAssertEqual(d.subdata(in: 56..<64).withUnsafeBytes { $0.loadUnaligned(as: Double.self) }, 1e-4)
        XCTAssertEqual([i32(d, 64), i32(d, 68), i32(d, 72)], [5, 5, 0])
        XCTAssertEqual([i64(d, 76), i64(d, 84)], [1234, -1])
        // "the\0" count type
        XCTAssertEqual(Array(d[92..<96]), Array("the\0".utf8))
        XCTAssertEqual(i64(d, 96), 50)
        XCTAssertEqual(d[104], 0)
        let dictionaryEnd = 92 + ["the", "cat", "sat", "mat", "été"].map { $0.utf8.count + 10 }.reduce(0, +)
        XCTAssertEqual(d[dictionaryEnd], 0)  // not quantized
        XCTAssertEqual([i64(d, dictionaryEnd + 1), i64(d, dictionaryEnd + 9)], [5 + 97, 6])
        XCTAssertEqual(d.count, dictionaryEnd + 1 + 16 + 102 * 6 * 4 + 1 + 16 + 5 * 6 * 4)
    }

    func testRoundTripWritesUnusedBucketsAsZerosAndKeepsTheOutputRows() throws {
        for cbow in [false, true] {
            var h = hyperparameters()
            h.cbow = cbow
            let (path, rows, t) = try write("m\(cbow).bin", h)
            let model = try FastTextModelFile.read(path: path)
            XCTAssertEqual(model.fastTextVersion, 12)
            XCTAssertEqual(model.hyperparameters.cbow, cbow)
            XCTAssertEqual(model.hyperparameters.subwords, options)
            XCTAssertEqual([model.dim, model.hyperparameters.window, model.hyperparameters.negatives, model.hyperparameters.epochs,
                            model.hyperparameters.minCount], [6, 3, 4, 2, 2])
            XCTAssertEqual((0..<5).map { model.vocabulary.word($0) }, ["the", "cat", "sat", "mat", "été"])
            XCTAssertEqual(model.rows, 5 + 97)
            for r in 0..<5 {
                XCTAssertEqual(model.inputRow(r), t.inputVector(r))
                XCTAssertEqual(model.outputRow(r), (0..<6).map { -(Float(r) + Float($0) / 8) })
            }
            for b in 0..<97 {
                let stored = rows.usedBuckets.firstIndex(of: Int32(b))
                XCTAssertEqual(model.inputRow(5 + b), stored.map { t.inputVector(5 + $0) } ?? [Float](repeating: 0, count: 6), "bucket \(b)")
            }
            XCTAssertLessThan(rows.usedBuckets.count, 97)
        }
    }

    /// The same trained table through both formats: identical vectors for every word, known or
    /// not (a bucket without a row in ours is a zero row in the .bin).
    func testBothFormatsGiveTheSameVectors() throws {
        let h = hyperparameters()
        let (path, rows, t) = try write("m.bin", h)
        let ours = directory + "/m.model"
        try FastTextModelFile.write(to: ours, hyperparameters: h, vocabulary: vocabulary(), usedBuckets: rows.usedBuckets, table: t)
        let bin = try FastTextModelFile.read(path: path), own = try FastTextModelFile.read(path: ours)
        XCTAssertEqual(bin.vocabularyVectors(), own.vocabularyVectors())
        var unseen = 0
        for w in ["the", "été", "cats", "matte", "étés", "xq", "zzzzzz", "a", "日本"] {
            XCTAssertEqual(bin.vector(of: w)?.values, own.vector(of: w)?.values, w)
            XCTAssertEqual(bin.vector(of: w)?.allNgrams, own.vector(of: w)?.allNgrams, w)
            if let v = bin.vector(of: w), !v.inVocabulary {
                unseen += 1
                // Mean over all n-grams: the stored rows summed, divided by the number of n-grams.
                let sum = own.inputRows(of: w).rows.map { t.inputVector($0)[1] }.reduce(0, +)
                XCTAssertEqual(v.values[1], sum / Float(v.allNgrams), accuracy: 1e-5, w)
            }
        }
        XCTAssertGreaterThan(unseen, 2)
        // The vocabulary's vectors are those training writes (the mean of the word's rows).
        let all = bin.vocabularyVectors()
        for id in 0..<5 {
            var expected = [Float](repeating: 0, count: 6)
            _ = expected.withUnsafeMutableBufferPointer {
                SubwordVectors.mean(of: rows.rows(of: id), dim: 6, row: { UnsafePointer(t.input + $0 * t.stride) }, into: $0.baseAddress!)
            }
            XCTAssertEqual(Array(all[id * 6..<(id + 1) * 6]), expected)
        }
    }

    func testWithoutSubwordsBucketIsZero() throws {
        let (path, _, _) = try write("off.bin", hyperparameters(SubwordOptions(minn: 0, maxn: 0, buckets: 2_000_000)))
        let d = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual([i32(d, 40), i32(d, 44), i32(d, 48)], [0, 0, 0])
        let model = try FastTextModelFile.read(path: path)
        XCTAssertEqual(model.rows, 5)
        XCTAssertNil(model.vector(of: "cats"))
    }

    /// fastText's own order (ties in count not sorted by bytes, `</s>` first) is kept: row i is
    /// word i, and `</s>` has its own row only.
    func testFastTextsDictionaryOrderIsKept() throws {
        let h = hyperparameters()
        let words = ["</s>", "zeta", "alpha", "beta"]
        var w = ByteWriter()
        w.i32(FastTextBinFile.magic)
        w.i32(12)
        for v in [6, 3, 2, 2, 4, 1, 2, 2, 97, 3, 5, 100] { w.i32(Int32(v)) }
        w.u64(h.sample.bitPattern)
        w.i32(4); w.i32(4); w.i32(0); w.i64(100); w.i64(-1)
        for word in words {
            w.data.append(contentsOf: Array(word.utf8) + [0])
            w.i64(word == "</s>" ? 40 : 20)
            w.data.append(0)
        }
        w.data.append(0)
        w.i64(4 + 97); w.i64(6)
        for r in 0..<(4 + 97) { for j in 0..<6 { w.u32((Float(r) + Float(j) / 8 + 1).bitPattern) } }
        w.data.append(0)
        w.i64(4); w.i64(6)
        w.data.append(contentsOf: [UInt8](repeating: 0, count: 4 * 6 * 4))
        let path = directory + "/order.bin"
        try Data(w.data).write(to: URL(fileURLWithPath: path))
        let model = try FastTextModelFile.read(path: path)
        XCTAssertEqual((0..<4).map { model.vocabulary.word($0) }, words)
        XCTAssertEqual(model.vocabulary.id(of: "zeta"), 1)
        XCTAssertEqual(model.vector(of: "</s>")?.values, model.inputRow(0))
        XCTAssertEqual(model.vector(of: "</s>")?.allNgrams, 0)
        let zeta = try XCTUnwrap(model.vector(of: "zeta"))
        XCTAssertEqual(zeta.ngrams, options.buckets(of: "zeta").count)
        let rows = [1] + options.buckets(of: "zeta").map { 4 + $0 }
        XCTAssertEqual(zeta.values[0], rows.map { Float($0) + 1 }.reduce(0, +) / Float(rows.count), accuracy: 1e-4)
    }

    /// Every cut of the file is refused (never read past the end), naming the section it cut.
    func testEveryTruncationIsRejected() throws {
        let (path, _, _) = try write("m.bin", hyperparameters())
        let d = try Data(contentsOf: URL(fileURLWithPath: path))
        var sections = Set<String>()
        let cut = directory + "/cut.bin"
        // Every byte of the header, dictionary and matrix headers; every 13th inside the input matrix.
        for n in Set(Array(0..<220) + Array(stride(from: 220, to: d.count, by: 13)) + Array((d.count - 160)..<d.count)).sorted() {
            try d.prefix(n).write(to: URL(fileURLWithPath: cut))
            do {
                _ = try FastTextModelFile.read(path: cut)
                XCTFail("cut at \(n) was accepted")
            } catch let e as ModelFileError {
                switch e {
                case .truncatedIn(let p, let size, let section):
                    XCTAssertEqual([p, String(size)], [cut, String(n)])
                    sections.insert(section.hasPrefix("dictionary (") ? "dictionary" : section)
                case .notAModelFile: XCTAssertLessThan(n, 4)
                default: XCTFail("cut at \(n): \(e)")
                }
            }
        }
        XCTAssertEqual(sections, ["header", "header (args)", "dictionary header", "dictionary", "quantization flag",
                                  "input matrix header", "input matrix", "output quantization flag",
                                  "output matrix header", "output matrix"])
    }

    func testImpossibleDictionarySizesAreRefused() throws {
        let (path, _, _) = try write("m.bin", hyperparameters())
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        // (size, nwords, nlabels) at 64, 68, 72 -> the error expected
        let cases: [([Int32], ModelFileError)] = [
            ([Int32.max, Int32.max, 0], .truncatedIn(path: path, actualBytes: original.count, section: "dictionary (\(Int32.max) words announced)")),
            ([5, 4, 0], .corrupt(path: path, byteOffset: 64, reason: "dictionary sizes 5 entries, 4 words, 0 labels")),
            ([7, 5, 2], .supervised(path: path, quantized: false)),
        ]
        for (fields, expected) in cases {
            var d = original
            for (k, v) in fields.enumerated() { withUnsafeBytes(of: v.littleEndian) { for b in 0..<4 { d[64 + 4 * k + b] = $0[b] } } }
            try d.write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try FastTextModelFile.read(path: path)) { XCTAssertEqual($0 as? ModelFileError, expected) }
        }
    }

    func testWordWithNulCannotBeWrittenAndNothingIsLeft() throws {
        let v = Vocabulary(words: [Array("ok".utf8), [0x61, 0, 0x62]], counts: [5, 3])
        let t = EmbeddingTable(inputRows: 2, outputRows: 2, dim: 6)
        let path = directory + "/nul.bin"
        XCTAssertThrowsError(try FastTextBinFile.write(to: path, hyperparameters: hyperparameters(SubwordOptions(minn: 0, maxn: 0, buckets: 0)),
                                                       vocabulary: v, tokens: 8, usedBuckets: [], table: t)) { error in
            XCTAssertTrue("\(error)".contains("word 2 contains a NUL byte"), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [])
    }
}
