import EmbedBase
import Corpus
import Embeddings
import Evaluation
import Experiments
import Foundation

/// What `train` does around the trainer: the progress display (human or JSON lines), the
/// evaluation at epoch ends with early stopping and the best epoch's vectors, and the choice of
/// the vectors to write. Built before any work, so the test sets are parsed (and a bad one
/// rejected) before the corpus is even read.
final class TrainingMonitor {
    let evaluation: EvaluationOptionGroup
    let model: String
    let quiet: Bool
    let threads: Int
    let json: JSONLines?
    let analogies: AnalogySet?
    let similarity: SimilaritySet?
    let human: ProgressPrinter
    let clock = WallClock()
    private(set) var evaluator: TrainingEvaluator?
    private var epochsTrained = 0
    /// The trainer's clock at the last epoch end (evaluations included).
    private var trainerSeconds = 0.0

    init(evaluation: EvaluationOptionGroup, progress: ProgressOptionGroup, model: String, quiet: Bool, threads: Int,
         lossName: String = "loss") throws {
        self.evaluation = evaluation
        self.model = model
        self.quiet = quiet
        self.threads = threads
        analogies = try evaluation.evalAnalogies.map { try AnalogySet.load(path: $0) }
        similarity = try evaluation.evalSimilarity.map { try SimilaritySet.load(path: $0) }
        json = try progress.jsonSink()
        human = ProgressPrinter(model: model, quiet: quiet, lossName: lossName)
    }

    /// Seconds between two in-epoch progress reports.
    var interval: Double { json != nil ? 5 : human.interval }

    /// The in-epoch progress callback (nil: none).
    var onProgress: ((ProgressSnapshot) -> Void)? {
        if let json { let p = JSONProgressPrinter(sink: json, model: model, threads: threads); return { p.show($0) } }
        if quiet { return nil }
        let h = human
        return { h.show($0) }
    }

    /// Sets up any model's run: progress (models with in-epoch progress) and evaluation.
    func attach(to run: any ModelRun, vocabulary: Vocabulary) throws {
        if let onProgress { run.reportProgress(every: interval, onProgress) }
        for observer in try observers(vectors: run.vectors, vocabulary: vocabulary) { run.attach(observer: observer) }
    }

    /// The epoch observers: the epoch line (human or JSON) and the evaluator, in that order.
    func observers(vectors: EvaluatedVectors, vocabulary v: Vocabulary, epochLine: Bool = true) throws -> [EpochObserver] {
        var list: [EpochObserver] = [EpochCounter { [unowned self] in self.epochsTrained = $0.epoch; self.trainerSeconds = $0.seconds }]
        if let json {
            list.append(JSONProgressPrinter(sink: json, model: model, threads: threads))
        } else if !quiet && epochLine {
            list.append(human)
        }
        guard evaluation.enabled else { return list }
        let words = (0..<v.size).map { v.bytes($0) }
        let e = try TrainingEvaluator(vectors: vectors, words: words, analogies: analogies, similarity: similarity,
                                      options: evaluation.options(threads: threads)) { [unowned self] in self.show($0) }
        if e.scorableItems == 0 {
            let file = (e.options.metric.needsAnalogies ? evaluation.evalAnalogies : evaluation.evalSimilarity) ?? ""
            let what = e.options.metric.needsAnalogies ? "question" : "pair"
            let message = "\(file): no \(what) has all its words in the vocabulary, so no epoch can produce a \(e.options.metric.rawValue) score"
            if evaluation.keepBest || evaluation.patience != nil {
                throw EvaluationError.invalidOption("--\(evaluation.keepBest ? "keep-best" : "patience"): " + message)
            }
            printErr("mt2st-embed: warning: " + message)
        }
        evaluator = e
        list.append(e)
        return list
    }

    func show(_ s: EpochScores) {
        if let json { json.emit(ProgressEvent.Evaluation(s)); return }
        if quiet { return }
        human.finish()
        var parts: [String] = []
        if let a = s.analogies {
            parts.append("analogies \(percent(a.total.accuracy)) (semantic \(percent(a.semantic.accuracy)), "
                         + "syntactic \(percent(a.syntactic.accuracy)), \(a.total.seen)/\(a.total.questions) seen)")
        }
        if let r = s.similarity {
            parts.append("similarity spearman \(decimal(r.spearman)) pearson \(decimal(r.pearson)) (\(r.scored)/\(r.total) pairs)")
        }
        let best = s.bestEpoch.map { "best \(s.metric.rawValue) \(formatted(s.metric, s.bestValue)) at epoch \($0)" } ?? "no score yet"
        printErr("epoch \(s.epoch)/\(s.epochs) evaluation: " + parts.joined(separator: ", ") + "; \(best)"
                 + String(format: " (%.2f s; training %.1f s)", s.seconds, s.trainingSeconds))
    }

    func percent(_ x: Double?) -> String { x.map { String(format: "%.2f%%", $0 * 100) } ?? "-" }
    func decimal(_ x: Double?) -> String { x.flatMap { $0.isFinite ? String(format: "%.4f", $0) : nil } ?? "-" }
    func formatted(_ m: EvaluationMetric, _ x: Double) -> String { m.needsAnalogies ? percent(x) : decimal(x) }

    /// Runs `body` (the training); an early stop is the end of a successful run (then nil).
    func train<T>(_ body: () throws -> T) throws -> T? {
        defer { human.finish() }
        do {
            return try body()
        } catch let stop as EarlyStopRequested {
            human.finish()
            let e = evaluator!
            let best = e.best.map { " (best \(e.options.metric.rawValue) \(formatted(e.options.metric, $0.value)) at epoch \($0.epoch))" } ?? ""
            if let json {
                json.emit(ProgressEvent.EarlyStop(epoch: stop.epoch, epochs: e.history.last?.epochs ?? stop.epoch,
                                                  metric: e.options.metric.rawValue, best_epoch: e.best?.epoch,
                                                  best_value: e.best.flatMap { finite($0.value) }))
            }
            printErr("stopped after epoch \(stop.epoch): \(e.options.patience ?? 0) evaluation\(e.options.patience == 1 ? "" : "s") "
                     + "without improvement of \(e.options.metric.rawValue)\(best)")
            return nil
        }
    }

    /// Writes the kept vectors (the best evaluation's, or the early-stop epoch's) to `path`;
    /// false when the trained table's vectors are to be written the usual way.
    func writeKeptVectors(to path: String, vocabulary v: Vocabulary, binary: Bool) throws -> Bool {
        human.finish()
        guard let e = evaluator, let kept = try e.vectorsToWrite() else { return false }
        let dim = e.dim
        try Word2VecWriter.write(count: v.size, dim: dim, to: path, binary: binary,
                                 word: { id, out in v.withBytes(id) { out.append(contentsOf: $0) } },
                                 vector: { kept + $0 * dim })
        printErr("wrote the vectors of epoch \(e.keptEpoch!)" + (e.options.keepBest ? " (best \(e.options.metric.rawValue))" : ""))
        return true
    }

    /// The last lines: evaluation time apart from training time, and the JSON `done` event.
    func finish(output: String) {
        human.finish()
        let evaluationSeconds = evaluator?.evaluationSeconds ?? 0
        let total = clock.seconds
        if let e = evaluator, !quiet || json != nil {
            let training = e.history.last?.trainingSeconds ?? trainerSeconds
            printErr("evaluation: \(e.history.count) evaluation\(e.history.count == 1 ? "" : "s") in "
                     + String(format: "%.2f s (%.1f %% of the %.2f s of training)", evaluationSeconds,
                              training > 0 ? 100 * evaluationSeconds / training : 0, training))
        }
        if let json {
            json.emit(ProgressEvent.Done(output: output, epochs_trained: epochsTrained,
                                         written_epoch: evaluator?.keptEpoch ?? epochsTrained, elapsed_seconds: total,
                                         training_seconds: evaluator?.history.last?.trainingSeconds ?? trainerSeconds,
                                         evaluation_seconds: evaluationSeconds))
        }
    }
}

/// Calls back with the summary of each finished epoch.
final class EpochCounter: EpochObserver {
    let onEpoch: (EpochSummary) -> Void
    init(_ onEpoch: @escaping (EpochSummary) -> Void) { self.onEpoch = onEpoch }
    func epochDidEnd(_ summary: EpochSummary, table: EmbeddingTable) throws { onEpoch(summary) }
}
