import XCTest
import Corpus
@testable import Embeddings

final class AnalogyObjectiveTests: XCTestCase {
    let example = AnalogyExample(a: 0, b: 1, c: 2, d: 3)
    let negatives = [4, 5, 6, 7]

    func objective(_ table: EmbeddingTable, negatives: Int = 4) -> AnalogyObjective {
        AnalogyObjective(vectors: EvaluatedVectors(table: table.handle, words: table.inputRows), negatives: negatives, temperature: 0.5,
                         noise: NoiseDistribution(counts: [Int64](repeating: 1, count: table.inputRows)))
    }

    /// The step's update divided by −η‖x‖² is the gradient (the deltas are computed from the values
    /// before the step, so this is exact); compare it with central finite differences of the loss.
    func testStepFollowsTheFiniteDifferenceGradient() {
        let table = randomTable()
        let objective = objective(table)
        let scratch = AuxiliaryScratch(stride: table.stride, negatives: 4)
        let rows = [0, 1, 2, 3] + negatives
        let before = rows.map { table.inputVector($0) }
        let eta: Float = 1e-3
        _ = objective.step(example, negativeCount: 0, learningRate: 0, scratch: scratch)
        for (i, n) in negatives.enumerated() { scratch.ids[4 + i] = n }
        _ = objective.step(example, negativeCount: negatives.count, learningRate: eta, scratch: scratch)
        let after = rows.map { table.inputVector($0) }
        // Restore and measure finite differences.
        let checked = assertStepFollowsTheGradient(table, rows: rows, before: before, after: after, eta: eta, h: 1e-2, tolerance: 0.02,
                                                   label: "") { objective.loss(example, negativeIds: negatives, scratch: scratch) }
        XCTAssertEqual(checked, 8 * 8)
    }

    func testTrainingLowersTheLossAndRanksTheAnswerFirst() {
        let table = randomTable(rows: 40, dim: 12, seed: 11)
        let objective = objective(table, negatives: 5)
        let scratch = AuxiliaryScratch(stride: table.stride, negatives: 5)
        var rng = Xoshiro256(seed: 5)
        let fixed = Array(4..<9)
        let initialLoss = objective.loss(example, negativeIds: fixed, scratch: scratch)
        func rankOfAnswer() -> Int {
            let query = (0..<12).map { j -> Float in
                let a = table.inputVector(0), b = table.inputVector(1), c = table.inputVector(2)
                let na = a.reduce(0) { $0 + $1 * $1 }.squareRoot(), nb = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
                let nc = c.reduce(0) { $0 + $1 * $1 }.squareRoot()
                return b[j] / nb - a[j] / na + c[j] / nc
            }
            let score = cosine(query, table.inputVector(3))
            return (4..<40).filter { cosine(query, table.inputVector($0)) > score }.count + 1
        }
        let initialRank = rankOfAnswer()
        XCTAssertGreaterThan(initialRank, 1, "random table: the answer is not already first")
        for _ in 0..<300 { _ = objective.step(example, learningRate: 0.05, rng: &rng, scratch: scratch) }
        XCTAssertLessThan(objective.loss(example, negativeIds: fixed, scratch: scratch), initialLoss * 0.5)
        XCTAssertEqual(rankOfAnswer(), 1)
        XCTAssertFalse(table.containsNonFinite())
        for r in 0..<40 { XCTAssertEqual(table.handle.inputRow(r)[13], 0, "padding stays zero") }
    }

    func testNegativesNeverIncludeTheQuestionWordsNorRepeat() {
        let table = randomTable(rows: 6)
        // Noise concentrated on a, b, c, d except row 4: the drawn negatives must all be 4 or 5.
        let noise = NoiseDistribution(counts: [100, 100, 100, 100, 1, 1], power: 1)
        let objective = AnalogyObjective(vectors: EvaluatedVectors(table: table.handle, words: table.inputRows), negatives: 5, temperature: 0.5, noise: noise)
        let scratch = AuxiliaryScratch(stride: table.stride, negatives: 5)
        var rng = Xoshiro256(seed: 9)
        let rowA = table.inputVector(0)
        for _ in 0..<50 {
            for i in 4..<9 { scratch.ids[i] = -1 }
            _ = objective.step(example, learningRate: 0.01, rng: &rng, scratch: scratch)
            let drawn = (4..<9).map { scratch.ids[$0] }.filter { $0 != -1 }
            for n in drawn { XCTAssertTrue([4, 5].contains(n)) }
            XCTAssertEqual(Set(drawn).count, drawn.count, "no negative twice in one step")
        }
        XCTAssertNotEqual(table.inputVector(0), rowA)
    }

    func testZeroRowIsSkipped() {
        let table = randomTable()
        table.handle.inputRow(3).update(repeating: 0, count: table.stride)
        let objective = objective(table)
        let scratch = AuxiliaryScratch(stride: table.stride, negatives: 4)
        var rng = Xoshiro256(seed: 1)
        let before = (0..<12).map { table.inputVector($0) }
        XCTAssertEqual(objective.step(example, learningRate: 0.1, rng: &rng, scratch: scratch), 0)
        XCTAssertEqual((0..<12).map { table.inputVector($0) }, before)
    }

    func testFlopFormula() {
        XCTAssertEqual(AnalogyObjective.flopsPerStep(dim: 100, negatives: 5), 100 * (95 + 82))
        XCTAssertEqual(SimilarityObjective.flopsPerStep(dim: 300), 9000)
    }
}

final class SimilarityObjectiveTests: XCTestCase {
    func testStepFollowsTheFiniteDifferenceGradient() {
        let table = randomTable()
        let objective = SimilarityObjective(vectors: EvaluatedVectors(table: table.handle, words: table.inputRows))
        let scratch = AuxiliaryScratch(stride: table.stride, rows: 3)
        let e = SimilarityExample(u: 2, v: 5, target: 0.8)
        let before = [table.inputVector(2), table.inputVector(5)]
        let eta: Float = 1e-3
        _ = objective.step(e, learningRate: eta, scratch: scratch)
        let after = [table.inputVector(2), table.inputVector(5)]
        for (k, r) in [2, 5].enumerated() { table.handle.inputRow(r).update(from: before[k], count: table.dim) }
        let h: Float = 1e-2
        for (k, r) in [2, 5].enumerated() {
            let norm2 = before[k].reduce(0) { $0 + $1 * $1 }
            for j in 0..<table.dim {
                let implied = -(after[k][j] - before[k][j]) / (eta * norm2)
                let p = table.handle.inputRow(r)
                p[j] = before[k][j] + h
                let up = objective.step(e, learningRate: 0, scratch: scratch)
                p[j] = before[k][j] - h
                let down = objective.step(e, learningRate: 0, scratch: scratch)
                p[j] = before[k][j]
                XCTAssertEqual(implied, (up - down) / (2 * h), accuracy: 2e-3 + 0.03 * abs(implied), "row \(r) component \(j)")
            }
        }
    }

    func testTrainingMovesTheCosineToTheTarget() {
        let table = randomTable(rows: 4, dim: 32, seed: 8)
        let objective = SimilarityObjective(vectors: EvaluatedVectors(table: table.handle, words: table.inputRows))
        let scratch = AuxiliaryScratch(stride: table.stride, rows: 3)
        for target: Float in [0.9, 0.0, -0.5] {
            let e = SimilarityExample(u: 0, v: 1, target: target)
            for _ in 0..<200 { _ = objective.step(e, learningRate: 0.1, scratch: scratch) }
            XCTAssertEqual(cosine(table.inputVector(0), table.inputVector(1)), target, accuracy: 0.01)
        }
        XCTAssertFalse(table.containsNonFinite())
    }
}
