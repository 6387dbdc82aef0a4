import XCTest
import Corpus
import Evaluation
@testable import Embeddings

final class Word2VecFormatTests: XCTestCase {
    func testFixedFormatting() {
        func f(_ x: Float) -> String { var b: [UInt8] = []; FloatFormatter.appendFixed6(x, to: &b); return String(decoding: b, as: UTF8.self) }
        XCTAssertEqual(f(0), "0.000000")
        XCTAssertEqual(f(1.5), "1.500000")
        XCTAssertEqual(f(-0.0123456), "-0.012346")
        XCTAssertEqual(f(-0.0000001), "0.000000")
        XCTAssertEqual(f(123.25), "123.250000")
    }

    func testTextAndBinaryRoundTrip() throws {
        let corpus = try SyntheticCorpus.build("alpha beta gamma beta gamma gamma δέλτα δέλτα\n")
        let v = corpus.vocabulary
        let table = EmbeddingTable(inputRows: v.size, outputRows: v.size, dim: 5)
        table.initializeWord2Vec(seed: 3)
        table.input[0] = -1.25
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mt2st-w2v-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for binary in [false, true] {
            let path = dir + (binary ? "/v.bin" : "/v.txt")
            try Word2VecWriter.write(table: table, vocabulary: v, to: path, binary: binary)
            let file = try VectorReader.readValues(path: path, format: binary ? .binary : .text)
            XCTAssertEqual(file.words, (0..<v.size).map { v.word($0) })
            XCTAssertEqual(file.dim, 5)
            for w in 0..<v.size {
                let expected = table.inputVector(w)
                for (a, b) in zip(file.vector(w), expected) {
                    XCTAssertEqual(a, b, accuracy: binary ? 0 : 5e-7)
                }
            }
            if !binary {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                XCTAssertTrue(text.hasPrefix("4 5\ngamma -1.250000 "), text)
            }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp") }, [])
        }
    }

    func testUnwritablePathThrowsAndLeavesNothing() throws {
        let corpus = try SyntheticCorpus.build("a b a b\n")
        let table = EmbeddingTable(inputRows: 2, outputRows: 2, dim: 3)
        XCTAssertThrowsError(try Word2VecWriter.write(table: table, vocabulary: corpus.vocabulary,
                                                      to: "/nonexistent-dir-mt2st/v.txt", binary: false)) {
            XCTAssertTrue("\($0)".contains("/nonexistent-dir-mt2st/v.txt"), "\($0)")
        }
    }
}
