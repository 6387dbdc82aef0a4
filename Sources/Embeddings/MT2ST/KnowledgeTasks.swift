import Corpus

/// The attract-repel objective (`AttractRepelObjective`) on synonym/antonym constraints: the
/// auxiliary task of `--aux-constraints` and `--knowledge`.
public final class AttractRepelTask: AuxiliaryObjective {
    public let objective: AttractRepelObjective
    public let examples: AuxiliaryExamples<ConstraintExample>

    public init(objective: AttractRepelObjective, examples: [ConstraintExample]) {
        self.objective = objective
        self.examples = AuxiliaryExamples(examples)
    }

    public var name: String { "attract-repel" }
    public var exampleCount: Int { examples.count }
    public var scratchRows: Int { AttractRepelObjective.scratchRows(negatives: objective.negatives) }

    public func trainStep(learningRate: Float, rng: inout Xoshiro256, scratch: AuxiliaryScratch) -> Float {
        objective.step(examples.draw(&rng), learningRate: learningRate, rng: &rng, scratch: scratch)
    }
}

/// The analogy objective (`AnalogyObjective`) on questions drawn from relation pairs
/// (`RelationAnalogySource`: two pairs of one relation): the auxiliary task of `--aux-relations`
/// and `--knowledge`. A draw that finds no question (pairs sharing words) takes no step and
/// returns 0.
public final class RelationAnalogyTask: AuxiliaryObjective {
    public let objective: AnalogyObjective
    public let source: RelationAnalogySource

    public init(objective: AnalogyObjective, source: RelationAnalogySource) {
        self.objective = objective
        self.source = source
    }

    public var name: String { "relation-analogy" }
    public var exampleCount: Int { source.pairCount }
    public var scratchRows: Int { AnalogyObjective.scratchRows(negatives: objective.negatives) }

    public func trainStep(learningRate: Float, rng: inout Xoshiro256, scratch: AuxiliaryScratch) -> Float {
        guard let e = source.draw(rng: &rng) else { return 0 }
        return objective.step(e, learningRate: learningRate, rng: &rng, scratch: scratch)
    }
}
