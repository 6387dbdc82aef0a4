import XCTest
import Corpus
@testable import Embeddings

/// The auxiliary objectives read and move the vectors that are written out: input rows, FastText's
/// subword means, GloVe's W + W~. These tests check each composition against the writers and that
/// a change goes back to the rows so the composed vector moves by exactly that change.
final class EvaluatedVectorsTests: XCTestCase {
    static let words = ["the", "cat", "sat", "mat", "été", "catalogue", "mattress", "saturday"]

    func vocabulary() -> Vocabulary {
        Vocabulary(words: EvaluatedVectorsTests.words.map { Array($0.utf8) }, counts: [80, 40, 30, 20, 10, 9, 8, 7])
    }

    /// A table whose rows (input and output, n-gram rows included) are random in [-1, 1].
    func randomTable(inputRows: Int, outputRows: Int, dim: Int = 12, seed: UInt64 = 7) -> EmbeddingTable {
        let table = EmbeddingTable(inputRows: inputRows, outputRows: outputRows, dim: dim)
        var rng = Xoshiro256(seed: seed)
        for r in 0..<inputRows { for j in 0..<dim { table.handle.inputRow(r)[j] = rng.unitFloat() * 2 - 1 } }
        for r in 0..<outputRows { for j in 0..<dim { table.handle.outputRow(r)[j] = rng.unitFloat() * 2 - 1 } }
        return table
    }

    func vector(_ v: EvaluatedVectors, _ w: Int) -> [Float] {
        let out = UnsafeMutablePointer<Float>.allocate(capacity: v.stride)
        defer { out.deallocate() }
        _ = v.load(w, into: out)
        return Array(UnsafeBufferPointer(start: out, count: v.dim))
    }

    func testSubwordMeanIsTheWrittenVectorAndMovesByTheChange() {
        let rows = SubwordRowTable(SubwordIndex(vocabulary: vocabulary(), options: SubwordOptions(minn: 3, maxn: 4, buckets: 1000)))
        let table = randomTable(inputRows: rows.inputRows, outputRows: rows.words)
        let vectors = EvaluatedVectors.subwordMean(table: table.handle, rows: rows)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: table.stride)
        defer { scratch.deallocate() }
        for w in 0..<rows.words {
            _ = SubwordVectors.mean(of: rows.rows(of: w), dim: table.dim, row: { UnsafePointer(table.input + $0 * table.stride) }, into: scratch)
            XCTAssertEqual(vector(vectors, w), Array(UnsafeBufferPointer(start: scratch, count: table.dim)), "word \(w)")
        }
        let w = 5  // "catalogue": many n-gram rows
        XCTAssertGreaterThan(rows.rows(of: w).count, 5)
        let before = vector(vectors, w)
        let delta = (0..<table.stride).map { j in j < table.dim ? Float(j) * 0.01 - 0.05 : 0 }
        let flops = delta.withUnsafeBufferPointer { vectors.add(0.5, $0.baseAddress!, to: w) }
        XCTAssertEqual(flops, 2 * rows.rows(of: w).count * table.dim)
        for (j, x) in vector(vectors, w).enumerated() { XCTAssertEqual(x, before[j] + 0.5 * delta[j], accuracy: 1e-5) }
    }

    func testGloVeSumIsTheWrittenVectorAndMovesByTheChange() throws {
        var options = GloVeOptions()
        options.dim = 12
        let trainer = try GloVeTrainer(vocabularySize: 6, options: options)
        let table = trainer.table
        let vectors = EvaluatedVectors(table: table.handle, words: 6, composition: .inputPlusOutput)
        let expected = zip(table.inputVector(2), table.outputVector(2)).map { $0 + $1 }
        XCTAssertEqual(vector(vectors, 2), expected)
        let delta = [Float](repeating: 0.25, count: table.stride)
        _ = delta.withUnsafeBufferPointer { vectors.add(-2, $0.baseAddress!, to: 2) }
        for (j, x) in vector(vectors, 2).enumerated() { XCTAssertEqual(x, expected[j] - 0.5, accuracy: 1e-5) }
        // Bit-identical to what the writer gets after training (W += W~).
        let composed = UnsafeMutablePointer<Float>.allocate(capacity: 6 * table.stride)
        defer { composed.deallocate() }
        let all = vectors.withVectors(composingInto: composed) { all in
            (0..<6).map { r in Array(UnsafeBufferPointer(start: all + r * table.stride, count: table.dim)) }
        }
        trainer.finalizeVectors()
        for r in 0..<6 { XCTAssertEqual(all[r], table.inputVector(r)) }
    }

    func testInputRowsNeedNoComposition() {
        let table = randomTable(inputRows: 5, outputRows: 5)
        let vectors = EvaluatedVectors(table: table.handle, words: 5)
        XCTAssertTrue(vectors.isInputRows)
        vectors.withVectors(composingInto: nil) { XCTAssertEqual($0, UnsafePointer(table.input)) }
    }

    /// The analogy objective on FastText vectors: its loss (on composed vectors) falls and its
    /// counted FLOPs include the composition and the per-row updates.
    func testAnalogyObjectiveTrainsComposedVectors() {
        let rows = SubwordRowTable(SubwordIndex(vocabulary: vocabulary(), options: SubwordOptions(minn: 3, maxn: 4, buckets: 1000)))
        let table = randomTable(inputRows: rows.inputRows, outputRows: rows.words, dim: 16, seed: 3)
        let vectors = EvaluatedVectors.subwordMean(table: table.handle, rows: rows)
        let objective = AnalogyObjective(vectors: vectors, negatives: 3, temperature: 0.5,
                                         noise: NoiseDistribution(counts: [Int64](repeating: 1, count: rows.words)))
        let scratch = AuxiliaryScratch(stride: table.stride, negatives: 3)
        let e = AnalogyExample(a: 1, b: 5, c: 3, d: 6)
        let fixed = [0, 2, 4]
        let initial = objective.loss(e, negativeIds: fixed, scratch: scratch)
        scratch.flops = 0
        for (i, n) in fixed.enumerated() { scratch.ids[4 + i] = n }
        _ = objective.step(e, negativeCount: 3, learningRate: 0.05, scratch: scratch)
        let ids = [1, 5, 3, 6] + fixed
        let D = table.dim
        let compose = ids.reduce(0) { s, w in let r = rows.rows(of: w).count; return s + (r > 1 ? r * D : 0) }
        let adds = ids.reduce(0) { $0 + 2 * rows.rows(of: $1).count * D }
        XCTAssertEqual(scratch.flops, D * (17 * 3 + 74) + compose + adds)
        var rng = Xoshiro256(seed: 2)
        for _ in 0..<200 { _ = objective.step(e, learningRate: 0.05, rng: &rng, scratch: scratch) }
        XCTAssertLessThan(objective.loss(e, negativeIds: fixed, scratch: scratch), initial * 0.5)
        XCTAssertFalse(table.containsNonFinite())
    }

    func testFlopsOfAStepOnInputRowsMatchTheFormulas() {
        let table = randomTable(inputRows: 12, outputRows: 12, dim: 8)
        let vectors = EvaluatedVectors(table: table.handle, words: 12)
        let analogy = AnalogyObjective(vectors: vectors, negatives: 4, temperature: 0.5,
                                       noise: NoiseDistribution(counts: [Int64](repeating: 1, count: 12)))
        let scratch = AuxiliaryScratch(stride: table.stride, negatives: 4)
        for (i, n) in [4, 5, 6, 7].enumerated() { scratch.ids[4 + i] = n }
        _ = analogy.step(AnalogyExample(a: 0, b: 1, c: 2, d: 3), negativeCount: 4, learningRate: 0.01, scratch: scratch)
        XCTAssertEqual(scratch.flops, AnalogyObjective.flopsPerStep(dim: 8, negatives: 4))
        scratch.flops = 0
        _ = SimilarityObjective(vectors: vectors).step(SimilarityExample(u: 1, v: 2, target: 0.5), learningRate: 0.01, scratch: scratch)
        XCTAssertEqual(scratch.flops, SimilarityObjective.flopsPerStep(dim: 8))
    }

    /// The objectives depend only on directions, so their steps are rotations: after thousands of
    /// large steps every vector keeps its norm (plain steps orthogonal to a vector lengthen it, and
    /// at GloVe's constant rate that compounding blew the vectors up).
    func testStepsKeepTheNormsOfTheComposedVectors() throws {
        var options = GloVeOptions()
        options.dim = 16
        let trainer = try GloVeTrainer(vocabularySize: 10, options: options)
        let vectors = EvaluatedVectors(table: trainer.table.handle, words: 10, composition: .inputPlusOutput)
        let norms = (0..<10).map { w in vector(vectors, w).reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let analogy = AnalogyObjective(vectors: vectors, negatives: 4, temperature: 0.1,
                                       noise: NoiseDistribution(counts: [Int64](repeating: 1, count: 10)))
        let similarity = SimilarityObjective(vectors: vectors)
        let scratch = AuxiliaryScratch(stride: trainer.table.stride, negatives: 4)
        var rng = Xoshiro256(seed: 4)
        for i in 0..<3000 {
            let w = (0..<4).map { _ in Int32(rng.below(10)) }
            if Set(w).count == 4 { _ = analogy.step(AnalogyExample(a: w[0], b: w[1], c: w[2], d: w[3]), learningRate: 0.5, rng: &rng, scratch: scratch) }
            _ = similarity.step(SimilarityExample(u: w[0], v: w[1], target: i % 2 == 0 ? 0.9 : -0.3), learningRate: 0.5, scratch: scratch)
        }
        for w in 0..<10 {
            let norm = vector(vectors, w).reduce(0) { $0 + $1 * $1 }.squareRoot()
            XCTAssertEqual(norm, norms[w], accuracy: 1e-3 * norms[w], "word \(w)")
        }
    }
}
