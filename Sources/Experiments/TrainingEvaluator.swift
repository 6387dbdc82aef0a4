import Dispatch
import Embeddings
import Evaluation

/// The score early stopping and `--keep-best` follow.
public enum EvaluationMetric: String, CaseIterable, Sendable {
    case analogyTotal = "analogy-total"
    case analogySemantic = "analogy-semantic"
    case analogySyntactic = "analogy-syntactic"
    case similaritySpearman = "similarity-spearman"
    case similarityPearson = "similarity-pearson"

    public var needsAnalogies: Bool { rawValue.hasPrefix("analogy") }
}

/// Settings of the evaluation during training.
public struct TrainingEvaluationOptions: Sendable {
    /// Evaluate after every `every`-th epoch (and after the last one).
    public var every = 1
    /// Stop after this many evaluations in a row without improvement of the metric (nil: never).
    public var patience: Int?
    /// Write the vectors of the best evaluation instead of the last epoch's.
    public var keepBest = false
    public var metric = EvaluationMetric.analogyTotal
    /// Analogies: candidate words and questions limited to the N most frequent words (`evaluate`'s default).
    public var restrictVocab = 30_000
    /// Similarity: pairs outside the N most frequent words are out of vocabulary (`evaluate`'s default).
    public var similarityRestrictVocab = 300_000
    public var threads = 2

    public init() {}
}

/// One evaluation during training.
public struct EpochScores {
    public var epoch: Int
    public var epochs: Int
    public var analogies: AnalogyResult?
    public var similarity: SimilarityResult?
    public var metric: EvaluationMetric
    /// The metric's value (NaN when nothing could be scored).
    public var value: Double
    /// Whether this evaluation is the best so far.
    public var improved: Bool
    public var bestEpoch: Int?
    public var bestValue: Double
    /// This evaluation's seconds, all evaluations' seconds so far, and the training seconds so far
    /// (the trainer's wall clock minus the evaluations).
    public var seconds: Double
    public var totalEvaluationSeconds: Double
    public var trainingSeconds: Double
}

/// Thrown by `TrainingEvaluator` to end training early; the run itself succeeded.
public struct EarlyStopRequested: Error, CustomStringConvertible {
    public let epoch: Int
    public var description: String { "stopped early after epoch \(epoch)" }
}

/// Scores the evaluated vectors (`EvaluatedVectors`: input rows, FastText's subword means, GloVe's
/// W + W~) at the end of epochs, in memory, with the evaluators of `evaluate` (3CosAdd,
/// case-insensitive, the same restrict-vocab limits), so the numbers are those of `evaluate` on the
/// vectors written at that epoch (bit for bit with binary output). Follows one metric for early
/// stopping (`patience`) and keeps a copy of the best evaluation's vectors (`keepBest`). The test
/// sets are parsed by the caller before training, so a bad file fails before any epoch.
public final class TrainingEvaluator: EpochObserver {
    public let options: TrainingEvaluationOptions
    public let analogies: AnalogySet?
    public let similarity: SimilaritySet?
    let vectors: EvaluatedVectors
    let buffer: UnsafeMutablePointer<Float>?
    let matrix: EmbeddingMatrix
    let analogyVocabulary: EvaluationVocabulary
    let similarityVocabulary: EvaluationVocabulary
    let report: (EpochScores) -> Void
    var stopping: EarlyStopping?
    /// Every evaluation so far.
    public private(set) var history: [EpochScores] = []
    public private(set) var best: EpochScores?
    public private(set) var stoppedAfter: Int?
    public private(set) var evaluationSeconds = 0.0
    /// `words × dim` floats: the vectors to write instead of the table's, once kept.
    public private(set) var kept: UnsafeMutablePointer<Float>?
    public private(set) var keptEpoch: Int?
    public var dim: Int { vectors.dim }

    public init(vectors: EvaluatedVectors, words: [[UInt8]], analogies: AnalogySet?, similarity: SimilaritySet?,
                options: TrainingEvaluationOptions, report: @escaping (EpochScores) -> Void) throws {
        precondition(words.count == vectors.words)
        precondition(analogies != nil || similarity != nil)
        self.vectors = vectors
        self.analogies = analogies
        self.similarity = similarity
        self.options = options
        self.report = report
        let buffer: UnsafeMutablePointer<Float>? = vectors.isInputRows ? nil : .allocate(capacity: vectors.words * vectors.stride)
        self.buffer = buffer
        matrix = try vectors.withVectors(composingInto: buffer) {
            try EmbeddingMatrix(words: words, rows: $0, stride: vectors.stride, dim: vectors.dim)
        }
        analogyVocabulary = EvaluationVocabulary(matrix, limit: options.restrictVocab, caseInsensitive: true)
        similarityVocabulary = EvaluationVocabulary(matrix, limit: options.similarityRestrictVocab, caseInsensitive: true)
        stopping = options.patience.map { EarlyStopping(patience: $0) }
    }

    deinit {
        buffer?.deallocate()
        kept?.deallocate()
    }

    /// How many of the metric's questions (or pairs) have all their words in the evaluation
    /// vocabulary: 0 means no epoch can produce a score.
    public var scorableItems: Int {
        if options.metric.needsAnalogies {
            guard let analogies else { return 0 }
            let v = analogyVocabulary
            return analogies.sections.reduce(0) { n, s in
                n + s.questions.filter { q in [q.a, q.b, q.c, q.d].allSatisfy { v.row(of: $0) != nil } }.count
            }
        }
        guard let similarity else { return 0 }
        return similarity.pairs.filter { similarityVocabulary.row(of: $0.first) != nil && similarityVocabulary.row(of: $0.second) != nil }.count
    }

    static func metricValue(_ metric: EvaluationMetric, _ a: AnalogyResult?, _ s: SimilarityResult?) -> Double {
        switch metric {
        case .analogyTotal: return a?.total.accuracy ?? .nan
        case .analogySemantic: return a?.semantic.accuracy ?? .nan
        case .analogySyntactic: return a?.syntactic.accuracy ?? .nan
        case .similaritySpearman: return s?.spearman ?? .nan
        case .similarityPearson: return s?.pearson ?? .nan
        }
    }

    public func epochDidEnd(_ summary: EpochSummary, table: EmbeddingTable) throws {
        guard summary.epoch % options.every == 0 || summary.epoch == summary.epochs else { return }
        let start = DispatchTime.now().uptimeNanoseconds
        try vectors.withVectors(composingInto: buffer) { rows in
            matrix.update(rows: rows, stride: vectors.stride)
            let a = analogies.map {
                AnalogyEvaluator.evaluate($0, matrix: matrix, vocabulary: analogyVocabulary, method: .add, threads: options.threads)
            }
            let s = similarity.map {
                SimilarityEvaluator.evaluate($0, matrix: matrix, vocabulary: similarityVocabulary, dummyForUnknown: false)
            }
            let value = TrainingEvaluator.metricValue(options.metric, a, s)
            let improved = value.isFinite && value > (best?.value ?? -.infinity)
            var stop = false
            if var st = stopping {
                stop = st.shouldStop(after: value.isFinite ? value : -.infinity) && summary.epoch < summary.epochs
                stopping = st
            }
            if (improved && options.keepBest) || (stop && !options.keepBest) { keep(rows, epoch: summary.epoch) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let trainingSeconds = summary.seconds - evaluationSeconds
            evaluationSeconds += seconds
            var scores = EpochScores(epoch: summary.epoch, epochs: summary.epochs, analogies: a, similarity: s,
                                     metric: options.metric, value: value, improved: improved, bestEpoch: nil, bestValue: .nan,
                                     seconds: seconds, totalEvaluationSeconds: evaluationSeconds, trainingSeconds: trainingSeconds)
            if improved { best = scores }
            scores.bestEpoch = best?.epoch
            scores.bestValue = best?.value ?? .nan
            history.append(scores)
            report(scores)
            if stop {
                stoppedAfter = summary.epoch
                throw EarlyStopRequested(epoch: summary.epoch)
            }
        }
    }

    /// Copies the evaluated vectors (`dim` floats per word) into `kept`.
    func keep(_ rows: UnsafePointer<Float>, epoch: Int) {
        let dim = vectors.dim, stride = vectors.stride
        let out = kept ?? .allocate(capacity: vectors.words * dim)
        for w in 0..<vectors.words { (out + w * dim).update(from: rows + w * stride, count: dim) }
        kept = out
        keptEpoch = epoch
    }

    /// The vectors to write instead of the trained table's (nil: the table's, as usual): the best
    /// evaluation's with `keepBest`, else those of the epoch training stopped at, if it stopped early.
    /// Throws when `keepBest` has nothing to keep (no evaluation produced a score).
    public func vectorsToWrite() throws -> UnsafePointer<Float>? {
        if options.keepBest && kept == nil {
            throw EvaluationError.invalidOption("--keep-best: no evaluation produced a \(options.metric.rawValue) score "
                                                + "(no question or pair was scored); nothing written")
        }
        return kept.map { UnsafePointer($0) }
    }
}
