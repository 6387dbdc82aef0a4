import XCTest
import Corpus
@testable import Embeddings

final class AuxiliaryTrainingTests: XCTestCase {
    func makeTraining(_ schedule: ScheduleParameters, threads: Int = 2) -> (EmbeddingTable, AuxiliaryTraining) {
        let table = EmbeddingTable(inputRows: 20, outputRows: 20, dim: 10)
        table.initializeWord2Vec(seed: 4)
        var options = AuxiliaryTraining.Options()
        options.examplesPerRound = 7
        let training = AuxiliaryTraining(
            vectors: EvaluatedVectors(table: table.handle, words: table.inputRows),
            analogies: [AnalogyExample(a: 0, b: 1, c: 2, d: 3), AnalogyExample(a: 4, b: 5, c: 6, d: 7)],
            similarities: [SimilarityExample(u: 8, v: 9, target: 0.9)],
            analogySchedule: schedule.makeSchedule(), similaritySchedule: schedule.makeSchedule(),
            noise: NoiseDistribution(counts: [Int64](repeating: 1, count: 20)), threads: threads, options: options)
        return (table, training)
    }

    func snapshot(_ table: EmbeddingTable) -> [[Float]] { (0..<20).map { table.inputVector($0) } }

    func testSwitchTrainsBeforeTheSwitchAndNothingAfter() {
        var p = ScheduleParameters()
        p.kind = .switch
        p.switchAt = 1
        let (table, training) = makeTraining(p)
        var rng = Xoshiro256(seed: 1)
        let before = snapshot(table)
        training.run(thread: 1, time: 0.5, primaryAlpha: 0.025, rng: &rng)
        XCTAssertNotEqual(snapshot(table), before)
        let totals = training.epochTotals()
        XCTAssertEqual(totals.analogySteps, 7)
        XCTAssertEqual(totals.similaritySteps, 7)
        XCTAssertTrue(totals.meanAnalogyLoss.isFinite && totals.meanAnalogyLoss > 0)
        XCTAssertGreaterThan(totals.threadSeconds, 0)
        XCTAssertEqual(training.epochTotals().analogySteps, 0, "totals reset at each call")

        let after = snapshot(table)
        XCTAssertFalse(training.isActive(at: 1.0))
        training.run(thread: 0, time: 1.0, primaryAlpha: 0.025, rng: &rng)
        XCTAssertEqual(snapshot(table), after, "no auxiliary update after the switch")
        let t = training.epochTotals()
        XCTAssertEqual(t.analogySteps + t.similaritySteps, 0)
        XCTAssertEqual(t.threadSeconds, 0)
    }

    func testSingleTaskNeverTouchesTheTable() {
        var p = ScheduleParameters()
        p.kind = .stl
        let (table, training) = makeTraining(p)
        var rng = Xoshiro256(seed: 1)
        let before = snapshot(table)
        training.run(thread: 0, time: 0, primaryAlpha: 0.025, rng: &rng)
        XCTAssertEqual(snapshot(table), before)
        XCTAssertFalse(training.isActive(at: 0))
    }

    func testSameSeedSameResult() {
        var p = ScheduleParameters()
        p.kind = .mtl
        let (t1, a) = makeTraining(p), (t2, b) = makeTraining(p)
        var r1 = Xoshiro256(seed: 8), r2 = Xoshiro256(seed: 8)
        for i in 0..<5 {
            a.run(thread: 0, time: Double(i) / 5, primaryAlpha: 0.025, rng: &r1)
            b.run(thread: 0, time: Double(i) / 5, primaryAlpha: 0.025, rng: &r2)
        }
        XCTAssertEqual(snapshot(t1), snapshot(t2))
    }

    func testAdaptiveStopsWhenFedAPlateau() {
        var p = ScheduleParameters()
        p.kind = .adaptive
        p.window = 1
        p.threshold = 0.5
        let (_, training) = makeTraining(p)
        training.observe(epoch: 1, signal: 10)
        XCTAssertTrue(training.isActive(at: 1.5))
        training.observe(epoch: 2, signal: 10.2)
        XCTAssertFalse(training.isActive(at: 2.1))
    }
}

final class AuxiliaryHookTests: XCTestCase {
    /// The hook runs the tasks active at the time the trainer gives (the trainer measures it as the
    /// worker's processed tokens over its share of an epoch: `Word2VecTrainerTests`).
    func testTheHookRunsWhatIsActiveAtTheTrainersTime() {
        var p = ScheduleParameters()
        p.kind = .switch
        p.switchAt = 1
        let table = EmbeddingTable(inputRows: 10, outputRows: 10, dim: 8)
        table.initializeWord2Vec(seed: 2)
        let training = AuxiliaryTraining(
            vectors: EvaluatedVectors(table: table.handle, words: table.inputRows), analogies: [AnalogyExample(a: 0, b: 1, c: 2, d: 3)], similarities: [],
            analogySchedule: p.makeSchedule(), similaritySchedule: p.makeSchedule(),
            noise: NoiseDistribution(counts: [Int64](repeating: 1, count: 10)), threads: 2)
        let hook = AuxiliaryHook(training: training)
        XCTAssertEqual(hook.everyTokens, training.options.everyTokens)
        var rng = Xoshiro256(seed: 1)
        hook.run(thread: 1, time: 499.0 / 500.0, learningRate: 0.025, rng: &rng)  // t = 0.998 epochs
        XCTAssertEqual(training.epochTotals().analogySteps, training.options.examplesPerRound)
        hook.run(thread: 1, time: 500.0 / 500.0, learningRate: 0.025, rng: &rng)  // t = 1: switched
        XCTAssertEqual(training.epochTotals().analogySteps, 0)
    }
    /// A new objective is one type: this one pulls row `u` towards row `v` by the learning rate.
    final class PullTowards: AuxiliaryObjective {
        let table: TableHandle
        init(table: TableHandle) { self.table = table }
        var name: String { "pull" }
        var exampleCount: Int { 1 }
        var scratchRows: Int { 1 }
        func trainStep(learningRate: Float, rng: inout Xoshiro256, scratch: AuxiliaryScratch) -> Float {
            let u = table.inputRow(0), v = table.inputRow(1)
            VectorKernels.copy(v, scratch.row(0), table.stride)
            VectorKernels.axpy(-1, u, scratch.row(0), table.stride)
            let loss = VectorKernels.dot(scratch.row(0), scratch.row(0), table.stride)
            VectorKernels.axpy(learningRate, scratch.row(0), u, table.stride)
            scratch.flops &+= 5 * table.dim
            return loss
        }
    }

    func testAnyObjectiveRunsUnderItsOwnSchedule() {
        let table = EmbeddingTable(inputRows: 4, outputRows: 4, dim: 8)
        table.initializeWord2Vec(seed: 3)
        var p = ScheduleParameters()
        p.kind = .switch
        p.switchAt = 0.5
        var options = AuxiliaryTraining.Options()
        options.examplesPerRound = 3
        let training = AuxiliaryTraining(tasks: [.init(objective: PullTowards(table: table.handle), schedule: p.makeSchedule())],
                                         stride: table.stride, threads: 1, options: options)
        func distance() -> Float { zip(table.inputVector(0), table.inputVector(1)).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) }
        let before = distance()
        var rng = Xoshiro256(seed: 1)
        training.run(thread: 0, time: 0.25, primaryAlpha: 0.5, rng: &rng)
        XCTAssertLessThan(distance(), before * 0.2, "three steps of 0.5 shrink the gap by 8x")
        let totals = training.epochTotals()
        XCTAssertEqual(totals.tasks.map(\.name), ["pull"])
        XCTAssertEqual(totals.named("pull").steps, 3)
        XCTAssertEqual(totals.named("pull").flops, Double(15 * table.dim))
        XCTAssertEqual(totals.analogySteps, 0)
        let after = distance()
        training.run(thread: 0, time: 0.5, primaryAlpha: 0.5, rng: &rng)
        XCTAssertEqual(distance(), after, "switched off at 0.5")
    }
}
