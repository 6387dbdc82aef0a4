import XCTest
import Corpus
import Embeddings

final class EmbeddingTableTests: XCTestCase {
    func testRowsAreAlignedPaddedAndInitialisedLikeWord2Vec() {
        let table = EmbeddingTable(inputRows: 50, outputRows: 50, dim: 100)
        XCTAssertEqual(table.stride, 112)
        table.update { h in
            XCTAssertEqual(Int(bitPattern: h.inputRow(0)) % 64, 0)
            XCTAssertEqual(Int(bitPattern: h.outputRow(0)) % 64, 0)
        }
        table.initializeWord2Vec(seed: 1)
        table.read { h in
        for r in 0..<50 {
            let row = h.inputRow(r)
            for j in 0..<100 { XCTAssertTrue(abs(row[j]) < 0.5 / 100, "row \(r)") }
            for j in 100..<112 { XCTAssertEqual(row[j], 0) }
            XCTAssertEqual(table.outputVector(r), [Float](repeating: 0, count: 100))
        }
        }
        // Not all equal, and reproducible from the seed.
        XCTAssertNotEqual(table.inputVector(0), table.inputVector(1))
        let again = EmbeddingTable(inputRows: 50, outputRows: 50, dim: 100)
        again.initializeWord2Vec(seed: 1)
        XCTAssertEqual(again.inputVector(7), table.inputVector(7))
        let other = EmbeddingTable(inputRows: 50, outputRows: 50, dim: 100)
        other.initializeWord2Vec(seed: 2)
        XCTAssertNotEqual(other.inputVector(7), table.inputVector(7))
        XCTAssertFalse(table.containsNonFinite())
        table.update { $0.inputRow(3)[5] = .nan }
        XCTAssertTrue(table.containsNonFinite())
    }

    func testMemoryEstimateCountsPaddedRows() {
        XCTAssertEqual(EmbeddingTable.memoryEstimate(inputRows: 10, outputRows: 5, dim: 100), 15 * 112 * 4)
    }
}

final class VectorKernelTests: XCTestCase {
    func testKernelsMatchScalarArithmetic() {
        for dim in [1, 15, 16, 17, 100, 300] {
            let stride = EmbeddingTable.stride(for: dim)
            let a = UnsafeMutablePointer<Float>.allocate(capacity: stride)
            let b = UnsafeMutablePointer<Float>.allocate(capacity: stride)
            defer { a.deallocate(); b.deallocate() }
            a.initialize(repeating: 0, count: stride)
            b.initialize(repeating: 0, count: stride)
            var rng = Xoshiro256(seed: UInt64(dim))
            for i in 0..<dim { a[i] = rng.unitFloat() - 0.5; b[i] = rng.unitFloat() - 0.5 }
            var expected: Double = 0
            for i in 0..<dim { expected += Double(a[i]) * Double(b[i]) }
            XCTAssertEqual(Double(VectorKernels.dot(a, b, stride)), expected, accuracy: 1e-5, "dim \(dim)")
            let before = (0..<dim).map { b[$0] }
            VectorKernels.axpy(0.5, a, b, stride)
            for i in 0..<dim { XCTAssertEqual(b[i], before[i] + 0.5 * a[i], accuracy: 1e-6) }
            for i in dim..<stride { XCTAssertEqual(b[i], 0, "padding must stay zero") }
            VectorKernels.scale(2, a, stride)
            VectorKernels.copy(a, b, stride)
            XCTAssertEqual(b[0], a[0])
            VectorKernels.zero(b, stride)
            XCTAssertEqual((0..<stride).map { b[$0] }, [Float](repeating: 0, count: stride))
        }
    }
}
