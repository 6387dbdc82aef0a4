import XCTest
import Corpus
@testable import Embeddings

final class AttractRepelObjectiveTests: XCTestCase {
    func objective(_ table: EmbeddingTable, negatives: Int = 4) -> AttractRepelObjective {
        AttractRepelObjective(vectors: EvaluatedVectors(table: table.handle, words: table.inputRows), negatives: negatives,
                              noise: NoiseDistribution(counts: [Int64](repeating: 1, count: table.inputRows)))
    }

    /// The step's update divided by −η‖x‖² is the gradient (deltas are computed from the values
    /// before the step); compare it with central finite differences of the loss, for an attract
    /// constraint with negatives and a repel one.
    func testStepFollowsTheFiniteDifferenceGradient() {
        for e in [ConstraintExample(u: 0, v: 1, attract: true), ConstraintExample(u: 2, v: 3, attract: false)] {
            let table = randomTable(seed: e.attract ? 3 : 4)
            // Repel: make the pair similar so its hinge is active.
            if !e.attract {
                for j in 0..<table.dim { table.handle.inputRow(3)[j] = table.handle.inputRow(2)[j] + 0.3 * table.handle.inputRow(3)[j] }
            }
            let objective = objective(table)
            let scratch = AuxiliaryScratch(stride: table.stride, negatives: 4)
            let negatives = e.attract ? [4, 5, 6, 7] : []
            let rows = [Int(e.u), Int(e.v)] + negatives
            let before = rows.map { table.inputVector($0) }
            let initial = objective.loss(e, negativeIds: negatives, scratch: scratch)
            XCTAssertGreaterThan(initial, 0, "the test needs active hinges")
            let eta: Float = 1e-3
            for (i, n) in negatives.enumerated() { scratch.ids[2 + i] = n }
            let flopsBefore = scratch.flops
            _ = objective.step(e, negativeCount: negatives.count, learningRate: eta, scratch: scratch)
            XCTAssertGreaterThan(scratch.flops, flopsBefore)
            let after = rows.map { table.inputVector($0) }
            assertStepFollowsTheGradient(table, rows: rows, before: before, after: after, eta: eta, h: 1e-3, tolerance: 0.01,
                                         label: "\(e) ") { objective.loss(e, negativeIds: negatives, scratch: scratch) }
        }
    }

    func testAttractPullsSynonymsTogetherAndRepelPushesAntonymsApart() {
        let table = randomTable(rows: 30, dim: 16, seed: 21)
        let objective = objective(table, negatives: 5)
        let scratch = AuxiliaryScratch(stride: table.stride, negatives: 5)
        var rng = Xoshiro256(seed: 2)
        let synonym = ConstraintExample(u: 0, v: 1, attract: true)
        let antonym = ConstraintExample(u: 2, v: 3, attract: false)
        for j in 0..<16 { table.handle.inputRow(3)[j] = table.handle.inputRow(2)[j] }  // antonyms start identical
        let norms = (0..<4).map { r in table.inputVector(r).reduce(0) { $0 + $1 * $1 }.squareRoot() }
        for _ in 0..<300 {
            _ = objective.step(synonym, learningRate: 0.05, rng: &rng, scratch: scratch)
            _ = objective.step(antonym, learningRate: 0.05, rng: &rng, scratch: scratch)
        }
        XCTAssertGreaterThan(cosine(table.inputVector(0), table.inputVector(1)), 0.9)
        XCTAssertLessThanOrEqual(cosine(table.inputVector(2), table.inputVector(3)), 0.01)
        for r in 0..<4 {
            XCTAssertEqual(table.inputVector(r).reduce(0) { $0 + $1 * $1 }.squareRoot(), norms[r], accuracy: 1e-3 * norms[r], "norm kept")
        }
        XCTAssertFalse(table.containsNonFinite())
    }

    func testNegativesAreDistinctAndNeverThePair() {
        let table = randomTable(rows: 5)
        let noise = NoiseDistribution(counts: [100, 100, 1, 1, 1], power: 1)
        let objective = AttractRepelObjective(vectors: EvaluatedVectors(table: table.handle, words: 5), negatives: 3, noise: noise)
        let scratch = AuxiliaryScratch(stride: table.stride, negatives: 3)
        var rng = Xoshiro256(seed: 4)
        for _ in 0..<50 {
            for i in 2..<5 { scratch.ids[i] = -1 }
            _ = objective.step(ConstraintExample(u: 0, v: 1, attract: true), learningRate: 0.01, rng: &rng, scratch: scratch)
            let drawn = (2..<5).map { scratch.ids[$0] }.filter { $0 != -1 }
            XCTAssertTrue(drawn.allSatisfy { [2, 3, 4].contains($0) })
            XCTAssertEqual(Set(drawn).count, drawn.count)
        }
    }

    func testDegenerateExamplesChangeNothing() {
        let table = randomTable()
        table.handle.inputRow(5).update(repeating: 0, count: table.stride)
        let objective = objective(table)
        let scratch = AuxiliaryScratch(stride: table.stride, negatives: 4)
        var rng = Xoshiro256(seed: 1)
        let before = (0..<12).map { table.inputVector($0) }
        XCTAssertEqual(objective.step(ConstraintExample(u: 5, v: 1, attract: true), learningRate: 0.1, rng: &rng, scratch: scratch), 0)
        XCTAssertEqual(objective.step(ConstraintExample(u: 2, v: 2, attract: false), learningRate: 0.1, rng: &rng, scratch: scratch), 0)
        XCTAssertEqual((0..<12).map { table.inputVector($0) }, before)
    }
}

final class RelationAnalogySourceTests: XCTestCase {
    func testDrawsTwoPairsOfOneRelationWithFourDistinctWords() {
        let plural = [RelationPair(first: 0, second: 1), RelationPair(first: 2, second: 3), RelationPair(first: 4, second: 5)]
        let capital = [RelationPair(first: 10, second: 11), RelationPair(first: 12, second: 13)]
        let source = RelationAnalogySource(relations: [plural, [RelationPair(first: 20, second: 21)], capital])
        XCTAssertEqual(source.relationCount, 2, "a relation with one pair cannot make a question")
        XCTAssertEqual(source.pairCount, 5)
        var rng = Xoshiro256(seed: 7)
        var seen = Set<[Int32]>()
        var capitals = 0
        for _ in 0..<2000 {
            guard let q = source.draw(rng: &rng) else { return XCTFail("a question can always be drawn") }
            XCTAssertEqual(Set([q.a, q.b, q.c, q.d]).count, 4)
            let pairs = [RelationPair(first: q.a, second: q.b), RelationPair(first: q.c, second: q.d)]
            XCTAssertTrue(pairs.allSatisfy(plural.contains) || pairs.allSatisfy(capital.contains), "\(q)")
            if capital.contains(pairs[0]) { capitals += 1 }
            seen.insert([q.a, q.b, q.c, q.d])
        }
        XCTAssertEqual(seen.count, 6 + 2, "every ordered pair of pairs of each relation")
        XCTAssertEqual(Double(capitals) / 2000, 0.5, accuracy: 0.05, "relations are drawn uniformly")
    }

    func testEmptyAndDegenerateSources() {
        var rng = Xoshiro256(seed: 1)
        XCTAssertNil(RelationAnalogySource(relations: []).draw(rng: &rng))
        XCTAssertTrue(RelationAnalogySource(relations: [[RelationPair(first: 0, second: 1)]]).isEmpty)
        // Two pairs sharing a word never make a question.
        let shared = RelationAnalogySource(relations: [[RelationPair(first: 0, second: 1), RelationPair(first: 1, second: 2)]])
        XCTAssertNil(shared.draw(rng: &rng))
    }
}

final class KnowledgeTaskTests: XCTestCase {
    /// Both knowledge tasks behind the `AuxiliaryObjective` protocol in one `AuxiliaryTraining`:
    /// each takes its steps per round, counts its FLOPs and loss under its own name.
    func testKnowledgeTasksRunInAuxiliaryTraining() {
        let table = randomTable(rows: 30, dim: 16)
        let vectors = EvaluatedVectors(table: table.handle, words: 30)
        let noise = NoiseDistribution(counts: [Int64](repeating: 1, count: 30))
        let source = RelationAnalogySource(relations: [[RelationPair(first: 0, second: 1), RelationPair(first: 2, second: 3),
                                                        RelationPair(first: 4, second: 5)]])
        let relation = RelationAnalogyTask(objective: AnalogyObjective(vectors: vectors, negatives: 5, noise: noise), source: source)
        let constraints = AttractRepelTask(objective: AttractRepelObjective(vectors: vectors, negatives: 5, noise: noise),
                                           examples: [ConstraintExample(u: 6, v: 7, attract: true), ConstraintExample(u: 8, v: 9, attract: false)])
        var options = AuxiliaryTraining.Options()
        options.examplesPerRound = 7
        let training = AuxiliaryTraining(tasks: [.init(objective: relation, schedule: ConstantSchedule(gamma0: 1)),
                                                 .init(objective: constraints, schedule: ConstantSchedule(gamma0: 1))],
                                         stride: table.stride, threads: 1, options: options)
        var rng = Xoshiro256(seed: 1)
        let before = table.inputVector(6)
        training.run(thread: 0, time: 0.1, primaryAlpha: 0.025, rng: &rng)
        let totals = training.epochTotals()
        XCTAssertEqual(totals.tasks.map(\.name), ["relation-analogy", "attract-repel"])
        XCTAssertEqual(totals.named("relation-analogy").steps, 7)
        XCTAssertEqual(totals.named("attract-repel").steps, 7)
        XCTAssertGreaterThan(totals.named("relation-analogy").flops, 0)
        XCTAssertGreaterThan(totals.named("attract-repel").flops, 0)
        XCTAssertNotEqual(table.inputVector(6), before)
        XCTAssertEqual(relation.exampleCount, 3)
        XCTAssertEqual(constraints.scratchRows, 10)
    }
}
