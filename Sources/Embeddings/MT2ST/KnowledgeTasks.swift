import Corpus

/// The auxiliary tasks on lexical knowledge (`train --knowledge`, `--aux-relations`,
/// `--aux-constraints`): relation analogies (two pairs of one relation, drawn by
/// `RelationAnalogySource`, as a question for the analogy objective) and similarity constraints
/// (`AttractRepelObjective`). `AuxiliaryTraining` runs them in each round, after its own tasks,
/// with the same thread scratch, `examplesPerRound` steps of each active task, step size = primary
/// learning rate × γ(t) of the task's schedule.
///
/// Per-thread counters (`KnowledgeWorker`) keep the steps allocation-free and unshared.
public final class KnowledgeTasks {
    public let relations: RelationAnalogySource?
    public let attractRepel: AttractRepelObjective
    public private(set) var relationSchedule: any AuxiliaryWeightSchedule
    public private(set) var constraintSchedule: any AuxiliaryWeightSchedule
    let constraints: UnsafeMutableBufferPointer<ConstraintExample>
    public let constraintCount: Int
    let workers: [KnowledgeWorker]

    /// Sums of one epoch.
    public struct Totals: Sendable, Equatable {
        public var relationLoss = 0.0, relationSteps = 0, relationFlops = 0.0
        public var constraintLoss = 0.0, constraintSteps = 0, constraintFlops = 0.0
        public init() {}
        public var meanRelationLoss: Double { relationSteps > 0 ? relationLoss / Double(relationSteps) : .nan }
        public var meanConstraintLoss: Double { constraintSteps > 0 ? constraintLoss / Double(constraintSteps) : .nan }
    }

    /// `noise`: the distribution attract negatives are drawn from (over words). An empty
    /// `relations` source or constraint list is a task that never runs.
    public init(vectors: EvaluatedVectors, relations: RelationAnalogySource?, constraints: [ConstraintExample],
                relationSchedule: any AuxiliaryWeightSchedule, constraintSchedule: any AuxiliaryWeightSchedule,
                noise: NoiseDistribution, negatives: Int, threads: Int) {
        self.relations = relations.flatMap { $0.isEmpty ? nil : $0 }
        attractRepel = AttractRepelObjective(vectors: vectors, negatives: negatives, noise: noise)
        self.relationSchedule = relationSchedule
        self.constraintSchedule = constraintSchedule
        self.constraints = .allocate(capacity: max(constraints.count, 1))
        _ = self.constraints.initialize(from: constraints)
        constraintCount = constraints.count
        workers = (0..<threads).map { _ in KnowledgeWorker() }
    }

    deinit { constraints.deallocate() }

    /// Whether any knowledge task runs at t.
    public func isActive(at t: Double) -> Bool {
        (relations != nil && relationSchedule.isActive(at: t)) || (constraintCount > 0 && constraintSchedule.isActive(at: t))
    }

    /// One round on thread `thread`: `steps` steps of each active task; returns whether any ran.
    /// `analogy`: the objective the relation questions go to; `scratch`: the thread's scratch
    /// (rows for both objectives with the same number of negatives).
    @discardableResult
    public func run(thread: Int, time t: Double, primaryAlpha: Float, steps: Int, analogy: AnalogyObjective,
                    scratch: AuxiliaryScratch, rng: inout Xoshiro256) -> Bool {
        let w = workers[thread]
        var ran = false
        if let relations, relationSchedule.isActive(at: t) {
            let eta = primaryAlpha * Float(relationSchedule.weight(at: t))
            var loss: Double = 0
            let flops = scratch.flops
            var taken = 0
            for _ in 0..<steps {
                guard let e = relations.draw(rng: &rng) else { continue }
                loss += Double(analogy.step(e, learningRate: eta, rng: &rng, scratch: scratch))
                taken &+= 1
            }
            w.relationFlops &+= scratch.flops &- flops
            w.relationLoss += loss
            w.relationSteps &+= taken
            ran = true
        }
        if constraintCount > 0 && constraintSchedule.isActive(at: t) {
            let eta = primaryAlpha * Float(constraintSchedule.weight(at: t))
            let objective = attractRepel, examples = constraints.baseAddress!
            var loss: Double = 0
            let flops = scratch.flops
            for _ in 0..<steps {
                loss += Double(objective.step(examples[rng.below(constraintCount)], learningRate: eta, rng: &rng, scratch: scratch))
            }
            w.constraintFlops &+= scratch.flops &- flops
            w.constraintLoss += loss
            w.constraintSteps &+= steps
            ran = true
        }
        return ran
    }

    /// Sums the threads' counters since the previous call (workers stopped).
    public func epochTotals() -> Totals {
        var t = Totals()
        for w in workers {
            t.relationLoss += w.relationLoss; t.relationSteps += w.relationSteps; t.relationFlops += Double(w.relationFlops)
            t.constraintLoss += w.constraintLoss; t.constraintSteps += w.constraintSteps
            t.constraintFlops += Double(w.constraintFlops)
            w.relationLoss = 0; w.relationSteps = 0; w.relationFlops = 0
            w.constraintLoss = 0; w.constraintSteps = 0; w.constraintFlops = 0
        }
        return t
    }

    /// Feeds both schedules the epoch's monitored signal (workers stopped).
    public func observe(epoch: Int, signal: Double) {
        relationSchedule.observe(epoch: epoch, signal: signal)
        constraintSchedule.observe(epoch: epoch, signal: signal)
    }
}

/// One thread's knowledge-task counters; touched only by its thread while training.
final class KnowledgeWorker {
    var relationLoss = 0.0, relationSteps = 0, relationFlops = 0
    var constraintLoss = 0.0, constraintSteps = 0, constraintFlops = 0
    // Keeps neighbouring workers' counters on separate cache lines.
    let padding = (0, 0, 0, 0, 0, 0, 0, 0)
}
