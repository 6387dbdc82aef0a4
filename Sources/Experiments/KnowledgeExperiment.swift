import Corpus
import Embeddings
import Evaluation

/// `experiment --knowledge`: the knowledge files every non-STL strategy trains on (relation
/// analogies and attract-repel constraints) and the lexicon of the "STL + retrofit" row.
public struct KnowledgeFiles: Sendable {
    /// Synonym/antonym constraints (attract-repel; their synonyms are the retrofit lexicon).
    public var constraints: String?
    /// Relation pairs (relation analogies).
    public var relations: String?
    /// Retrofitting iterations of the STL + retrofit row (Faruqui et al.: 10).
    public var retrofitIterations = 10

    public init(constraints: String?, relations: String?) {
        self.constraints = constraints
        self.relations = relations
    }
}

/// The knowledge of an experiment, read once: the files minus every pair of the evaluated files,
/// mapped to the vocabulary (`KnowledgeData`), and the synonym lexicon for retrofitting (minus the
/// same pairs).
public struct PreparedKnowledge {
    /// The strategy name of the retrofit row in runs.csv and table.md.
    public static let retrofitStrategy = "stl+retrofit"

    public let files: KnowledgeFiles
    public let data: KnowledgeData
    /// The retrofit lexicon (empty without a constraints file: no retrofit row).
    public let lexicon: [(String, String)]
    /// What was read, removed and overlapped: one line each, for the user.
    public let report: [String]

    /// Reads the knowledge files, removing every pair of `evaluationFiles` (analogy or similarity
    /// files, as `--exclude-pairs` does in `train`).
    public static func load(_ files: KnowledgeFiles, evaluationFiles: [String], vocabulary: Vocabulary) throws -> PreparedKnowledge {
        let exclude = try ExcludedPairs.load(paths: evaluationFiles)
        let data = try KnowledgeData.load(constraints: files.constraints, relations: files.relations, exclude: exclude, vocabulary: vocabulary)
        guard let constraints = files.constraints else { return PreparedKnowledge(files: files, data: data, lexicon: [], report: data.report) }
        let lexicon = try Retrofitter.lexicon(path: constraints, exclude: exclude)
        let report = data.report + ["retrofit lexicon (STL + retrofit row): \(lexicon.pairs.count) synonym pairs of \(constraints) "
                                    + "(\(lexicon.removed) removed as evaluation pairs), \(files.retrofitIterations) iterations"]
        return PreparedKnowledge(files: files, data: data, lexicon: lexicon.pairs, report: report)
    }
}

extension KnowledgeData {
    /// The knowledge tasks on `vectors`, each with its own schedule from `parameters`: relation
    /// analogies (if any relation has two pairs), then attract-repel (if any constraint).
    public func tasks(_ parameters: ScheduleParameters, vectors: EvaluatedVectors, noise: NoiseDistribution,
                      options: AuxiliaryTraining.Options) -> [AuxiliaryTraining.Task] {
        var tasks: [AuxiliaryTraining.Task] = []
        if !relations.isEmpty {
            let analogy = AnalogyObjective(vectors: vectors, negatives: options.negatives, temperature: options.temperature, noise: noise)
            tasks.append(.init(objective: RelationAnalogyTask(objective: analogy, source: RelationAnalogySource(relations: relations)),
                               schedule: parameters.makeSchedule()))
        }
        if !constraints.isEmpty {
            let attractRepel = AttractRepelObjective(vectors: vectors, negatives: options.negatives,
                                                     attractMargin: options.attractMargin, noise: noise)
            tasks.append(.init(objective: AttractRepelTask(objective: attractRepel, examples: constraints),
                               schedule: parameters.makeSchedule()))
        }
        return tasks
    }

    /// The auxiliary task names whose totals fill the analogy and similarity columns of an
    /// experiment's records in knowledge mode.
    public static let taskColumns = EpochTaskColumns(analogy: "relation-analogy", similarity: "attract-repel")
}

/// Which auxiliary tasks' losses, weights and FLOPs an `EpochRecord`'s analogy and similarity
/// columns report.
public struct EpochTaskColumns: Sendable {
    public var analogy: String, similarity: String
    public init(analogy: String, similarity: String) {
        self.analogy = analogy
        self.similarity = similarity
    }
    /// The benchmark-split tasks of the paper's experiment.
    public static let benchmark = EpochTaskColumns(analogy: "analogy", similarity: "similarity")
}

extension ExperimentData {
    /// Knowledge mode: nothing of the benchmark files is trained on, so no split: every question
    /// of `analogies` and every pair of `similarity` (and of `extraSimilarity`) is a test item, and
    /// there is no dev set (no convergence epoch; the knowledge table reports the last epoch).
    public static func whole(analogies: String, similarity: String, extraSimilarity: String?) throws -> ExperimentData {
        let analogySet = try AnalogySet.load(path: analogies)
        let similaritySet = try SimilaritySet.load(path: similarity)
        let extra = try extraSimilarity.map { try SimilaritySet.load(path: $0) }
        var data = ExperimentData(
            analogySplit: AnalogySplit(), similaritySplit: SimilaritySplit(),
            similarityRange: AuxiliaryData.scoreRange(pairs(similaritySet)),
            devAnalogies: AnalogySet(path: analogies, sections: []), testAnalogies: analogySet,
            testSimilarity: similaritySet, analogyPath: analogies, similarityPath: similarity, splitPaths: [])
        data.extraSimilarity = extra
        return data
    }

    /// The evaluated files and `excludedFiles` (whose pairs knowledge mode removes from the knowledge).
    public var evaluationFiles: [String] { [analogyPath, similarityPath] + (extraSimilarity.map { [$0.path] } ?? []) + excludedFiles }
}

/// The STL + retrofit row: at each epoch end of an STL run, the epoch's vectors retrofitted
/// (`Retrofitter`, Faruqui et al.) with the lexicon and scored like the run's own.
final class RetrofitEvaluation {
    let lexicon: [(String, String)]
    let iterations: Int
    private var graph: Retrofitter?
    private var retrofitted: EmbeddingMatrix?

    init(lexicon: [(String, String)], iterations: Int) {
        self.lexicon = lexicon
        self.iterations = iterations
    }

    /// The retrofitted copy of `matrix` (unit rows), and the FLOPs it took: per iteration and word
    /// with d neighbours, (d + 2)·dim multiply-adds.
    func retrofit(_ matrix: EmbeddingMatrix) throws -> (matrix: EmbeddingMatrix, flops: Double) {
        let graph = self.graph ?? Retrofitter(matrix: matrix, pairs: lexicon)
        self.graph = graph
        let q = graph.run(matrix, iterations: iterations)
        let out: EmbeddingMatrix
        if let retrofitted {
            q.withUnsafeBufferPointer { retrofitted.update(rows: $0.baseAddress!, stride: matrix.dim) }
            out = retrofitted
        } else {
            out = try EmbeddingMatrix(words: (0..<matrix.count).map { Array(matrix.words.bytes($0)) }, vectors: q, dim: matrix.dim)
            retrofitted = out
        }
        let flops = 2 * Double(iterations) * Double(2 * graph.edges + 2 * graph.connectedWords) * Double(matrix.dim)
        return (out, flops)
    }
}
