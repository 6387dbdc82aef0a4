import CBLAS
import Corpus
import Dispatch
import Embeddings
import Evaluation

/// Early stopping fired (not an error: the run ends with the epochs it has).
struct EarlyStop: Error {}

/// The epoch-end observer of an experiment run: scores the evaluated vectors (`EvaluatedVectors`:
/// input rows, FastText's subword means or GloVe's W + W~, composed into a buffer) in memory
/// (dev and test analogies, test similarity pairs), accounts FLOPs and seconds (primary, auxiliary,
/// evaluation), feeds the adaptive schedule and records one `EpochRecord` per epoch.
final class EpochEvaluator: EpochObserver {
    let data: ExperimentData
    let vectors: EvaluatedVectors
    /// Composed vectors when they are not the input rows themselves.
    let buffer: UnsafeMutablePointer<Float>?
    let matrix: EmbeddingMatrix
    let vocabulary: EvaluationVocabulary
    let similarityVocabulary: EvaluationVocabulary
    let auxiliary: AuxiliaryTraining?
    let primaryFlops: (EpochSummary) -> Double
    let signal: MonitoredSignal
    let threads: Int
    var stopping: EarlyStopping?
    let report: (EpochRecord) -> Void
    /// Which tasks fill the records' analogy and similarity columns.
    var columns = EpochTaskColumns.benchmark
    /// Knowledge mode's STL + retrofit row: each epoch's vectors retrofitted and scored too.
    var retrofit: RetrofitEvaluation?
    private(set) var records: [EpochRecord] = []
    private(set) var retrofitRecords: [EpochRecord] = []
    private var mark = DispatchTime.now().uptimeNanoseconds
    private var cumulative = EpochRecord(epoch: 0, primaryLoss: .nan)

    init(data: ExperimentData, vectors: EvaluatedVectors, words: [[UInt8]], restrictVocab: Int, auxiliary: AuxiliaryTraining?,
         signal: MonitoredSignal, threads: Int, patience: Int?, primaryFlops: @escaping (EpochSummary) -> Double,
         report: @escaping (EpochRecord) -> Void) throws {
        precondition(words.count == vectors.words)
        self.data = data
        self.vectors = vectors
        let buffer: UnsafeMutablePointer<Float>? = vectors.isInputRows ? nil : .allocate(capacity: vectors.words * vectors.stride)
        self.buffer = buffer
        matrix = try vectors.withVectors(composingInto: buffer) {
            try EmbeddingMatrix(words: words, rows: $0, stride: vectors.stride, dim: vectors.dim)
        }
        vocabulary = EvaluationVocabulary(matrix, limit: restrictVocab, caseInsensitive: true)
        similarityVocabulary = EvaluationVocabulary(matrix, limit: SimilarityOptions().restrictVocab, caseInsensitive: true)
        self.auxiliary = auxiliary
        self.signal = signal
        self.threads = threads
        stopping = patience.map { EarlyStopping(patience: $0) }
        self.primaryFlops = primaryFlops
        self.report = report
    }

    deinit { buffer?.deallocate() }

    /// Starts the clock of the first epoch (call right before training).
    func start() { mark = DispatchTime.now().uptimeNanoseconds }

    static func scores(_ r: AnalogyResult) -> AnalogyScores {
        AnalogyScores(total: (r.total.accuracy ?? .nan) * 100, semantic: (r.semantic.accuracy ?? .nan) * 100,
                      syntactic: (r.syntactic.accuracy ?? .nan) * 100)
    }

    /// The epoch's scores of `m`: dev and test analogies, the similarity file(s).
    func score(_ e: inout EpochRecord, _ m: EmbeddingMatrix) {
        if !data.devAnalogies.sections.isEmpty {
            e.dev = EpochEvaluator.scores(AnalogyEvaluator.evaluate(data.devAnalogies, matrix: m, vocabulary: vocabulary,
                                                                    method: .add, threads: threads))
        }
        e.test = EpochEvaluator.scores(AnalogyEvaluator.evaluate(data.testAnalogies, matrix: m, vocabulary: vocabulary,
                                                                 method: .add, threads: threads))
        e.similaritySpearman = (SimilarityEvaluator.evaluate(data.testSimilarity, matrix: m, vocabulary: similarityVocabulary,
                                                             dummyForUnknown: false).spearman ?? .nan) * 100
        if let extra = data.extraSimilarity {
            e.extraSimilaritySpearman = (SimilarityEvaluator.evaluate(extra, matrix: m, vocabulary: similarityVocabulary,
                                                                      dummyForUnknown: false).spearman ?? .nan) * 100
        }
    }

    /// The STL + retrofit record of epoch `e`: the run's costs to this epoch plus the retrofitting
    /// (counted as similarity-knowledge work: FLOPs and auxiliary seconds), and its scores.
    func retrofitEpoch(_ e: EpochRecord, _ retrofit: RetrofitEvaluation) throws {
        let start = DispatchTime.now().uptimeNanoseconds
        let (m, flops) = try retrofit.retrofit(matrix)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var r = e
        // Each epoch's retrofit starts from that epoch's vectors: only its own cost counts.
        r.similarityFlops = e.similarityFlops + flops
        r.auxiliarySeconds = e.auxiliarySeconds + seconds
        let evalStart = DispatchTime.now().uptimeNanoseconds
        score(&r, m)
        r.evaluationSeconds = e.evaluationSeconds + Double(DispatchTime.now().uptimeNanoseconds - evalStart) / 1e9
        retrofitRecords.append(r)
    }

    func epochDidEnd(_ summary: EpochSummary, table: EmbeddingTable) throws {
        let trainEnd = DispatchTime.now().uptimeNanoseconds
        let wall = Double(trainEnd - mark) / 1e9
        var e = EpochRecord(epoch: summary.epoch, primaryLoss: summary.loss)
        let totals = auxiliary?.epochTotals() ?? AuxiliaryTraining.Totals()
        let auxWall = min(wall, totals.threadSeconds / Double(threads))
        let analogyTotals = totals.named(columns.analogy), similarityTotals = totals.named(columns.similarity)
        e.analogyLoss = analogyTotals.meanLoss
        e.similarityLoss = similarityTotals.meanLoss
        let middle = Double(summary.epoch) - 0.5
        e.analogyGamma = auxiliary?.task(named: columns.analogy)?.schedule.weight(at: middle) ?? 0
        e.similarityGamma = auxiliary?.task(named: columns.similarity)?.schedule.weight(at: middle) ?? 0
        e.primaryFlops = cumulative.primaryFlops + primaryFlops(summary)
        e.analogyFlops = cumulative.analogyFlops + analogyTotals.flops
        e.similarityFlops = cumulative.similarityFlops + similarityTotals.flops
        e.primarySeconds = cumulative.primarySeconds + (wall - auxWall)
        e.auxiliarySeconds = cumulative.auxiliarySeconds + auxWall
        // Evaluation, from the evaluated vectors.
        vectors.withVectors(composingInto: buffer) { matrix.update(rows: $0, stride: vectors.stride) }
        score(&e, matrix)
        let evalEnd = DispatchTime.now().uptimeNanoseconds
        e.evaluationSeconds = cumulative.evaluationSeconds + Double(evalEnd - trainEnd) / 1e9
        cumulative = e
        records.append(e)
        report(e)
        if let retrofit { try retrofitEpoch(e, retrofit) }
        auxiliary?.observe(epoch: summary.epoch, signal: signal == .devAccuracy ? e.dev.total : e.primaryLoss)
        mark = DispatchTime.now().uptimeNanoseconds
        if var s = stopping {
            let stop = s.shouldStop(after: e.dev.total)
            stopping = s
            if stop && summary.epoch < summary.epochs { throw EarlyStop() }
        }
    }
}
