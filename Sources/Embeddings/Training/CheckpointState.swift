import Corpus
import EmbedBase
import Foundation

/// What a checkpoint must match to be resumed: the training code's version, every option that
/// affects training, the vocabulary and the corpus (fingerprints), and the table's shape.
struct CheckpointIdentity: Codable, Equatable {
    /// Bumped whenever a change of the trainers changes what a run computes.
    static let currentTool = "mt2st-embed word2vec-trainer 1"

    var tool: String
    /// Option name -> value: the trainer's `Word2VecConfig` fields and the caller's extra options.
    var options: [String: String]
    var vocabularyWords: Int
    /// FNV-1a 64 over every word's bytes and count, in id order.
    var vocabularyHash: UInt64
    var corpusTokens: Int
    /// FNV-1a 64 over the encoded corpus (word ids and sentence ends).
    var corpusHash: UInt64
    var dim: Int
    var inputRows: Int
    var outputRows: Int

    init(trainer: Word2VecTrainer, options extra: [String: String]) {
        tool = Self.currentTool
        options = Self.options(trainer.config).merging(extra) { $1 }
        let v = trainer.vocabulary
        vocabularyWords = v.size
        var h = FNV1a.basis64
        for id in 0..<v.size {
            v.withBytes(id) { for b in $0 { h = FNV1a.step64(h, b) } }
            h = FNV1a.step64(h, 0)
            withUnsafeBytes(of: v.counts[id].littleEndian) { for b in $0 { h = FNV1a.step64(h, b) } }
        }
        vocabularyHash = h
        corpusTokens = trainer.corpus.tokenCount
        corpusHash = FNV1a.hash64(UnsafeRawBufferPointer(trainer.corpus.ids))
        let t = trainer.table
        dim = t.dim
        inputRows = t.inputRows
        outputRows = t.outputRows
    }

    /// Every field of the configuration by its name (an unset optional is "default").
    static func options(_ config: Word2VecConfig) -> [String: String] {
        var o: [String: String] = [:]
        for child in Mirror(reflecting: config).children {
            guard let label = child.label else { continue }
            o[label] = Self.describe(child.value)
        }
        return o
    }

    private static func describe(_ value: Any) -> String {
        let m = Mirror(reflecting: value)
        if m.displayStyle == .optional { return m.children.first.map { describe($0.value) } ?? "default" }
        return "\(value)"
    }

    /// Why a checkpoint made with `saved` cannot continue this run (nil: it can).
    func mismatch(_ saved: CheckpointIdentity) -> String? {
        if saved.tool != tool {
            return "made by another version of the trainer (\(saved.tool); this is \(tool)): start the run again"
        }
        for key in Set(options.keys).union(saved.options.keys).sorted() where options[key] != saved.options[key] {
            return "made with other options: \(key) \(saved.options[key] ?? "default") in the checkpoint, "
                + "\(options[key] ?? "default") now (resume with the options of the interrupted run)"
        }
        if saved.vocabularyWords != vocabularyWords || saved.vocabularyHash != vocabularyHash {
            return "made with another vocabulary (\(saved.vocabularyWords) words, fingerprint \(hex(saved.vocabularyHash)); "
                + "this run: \(vocabularyWords) words, \(hex(vocabularyHash)))"
        }
        if saved.corpusTokens != corpusTokens || saved.corpusHash != corpusHash {
            return "made on another corpus (\(saved.corpusTokens) tokens, fingerprint \(hex(saved.corpusHash)); "
                + "this run: \(corpusTokens) tokens, \(hex(corpusHash)))"
        }
        if saved.dim != dim || saved.inputRows != inputRows || saved.outputRows != outputRows {
            return "holds a table of \(saved.inputRows) + \(saved.outputRows) rows of dimension \(saved.dim); "
                + "this run has \(inputRows) + \(outputRows) of \(dim)"
        }
        return nil
    }

    private func hex(_ x: UInt64) -> String { String(x, radix: 16) }
}

/// A loss tally with its sum as bits (JSON would round-trip it too, but bits say so).
struct SavedTally: Codable, Equatable {
    var sumBits: UInt64
    var predictions: Int

    init(_ t: LossTally) {
        sumBits = t.sum.bitPattern
        predictions = t.predictions
    }

    var tally: LossTally { LossTally(sum: Double(bitPattern: sumBits), predictions: predictions) }
}

/// One worker's state at a publish point.
struct SavedWorker: Codable, Equatable {
    var rng: [UInt64]
    var loss: SavedTally
    var processedTokens: Int
    var publishedTokens: Int
    var publishedLoss: SavedTally
    /// The negatives drawn one step ahead (`negativeQueue`), when `negativeQueueFilled`.
    var negativeQueue: [Int]?
    var paused: Bool
    var done: Bool
    var position: Int
    /// The chunk of the corpus the worker paused in.
    var chunkStart: Int
    var chunkEnd: Int
    /// `processedTokens` when its interleaved task last ran.
    var taskTokens: Int
}

/// One epoch's summary.
struct SavedEpoch: Codable, Equatable {
    var epoch: Int
    var epochs: Int
    var lossBits: UInt64
    var predictions: Int
    var seconds: Double
    var alphaBits: UInt32
}

/// Everything of a run but the table: the header of a checkpoint file (JSON).
struct CheckpointState: Codable, Equatable {
    var identity: CheckpointIdentity
    /// The epoch the workers stopped in (1-based).
    var epoch: Int
    var epochStartLoss: SavedTally
    var summaries: [SavedEpoch]
    /// Training seconds so far.
    var seconds: Double
    /// The shared token counter (drives the learning rate) and the running loss.
    var progressTokens: Int
    var lossMicros: Int
    var lossPredictions: Int
    var workers: [SavedWorker]
    /// Per worker, its chunks of this epoch not yet handed out (`ShardQueue.state`).
    var queue: [UInt64]

    init(identity: CheckpointIdentity, epoch: Int, epochStartLoss: LossTally, summaries: [EpochSummary], seconds: Double,
         workers: UnsafeMutableBufferPointer<WorkerState>, queue: ShardQueue, progress: TrainingProgress, negatives: Int) {
        self.identity = identity
        self.epoch = epoch
        self.epochStartLoss = SavedTally(epochStartLoss)
        self.summaries = summaries.map {
            SavedEpoch(epoch: $0.epoch, epochs: $0.epochs, lossBits: $0.loss.bitPattern, predictions: $0.predictions,
                       seconds: $0.seconds, alphaBits: $0.alpha.bitPattern)
        }
        self.seconds = seconds
        progressTokens = progress.tokens.load(ordering: .relaxed)
        lossMicros = progress.lossMicros.load(ordering: .relaxed)
        lossPredictions = progress.lossPredictions.load(ordering: .relaxed)
        self.workers = workers.map { w in
            SavedWorker(rng: w.rng.state, loss: SavedTally(w.loss), processedTokens: w.processedTokens,
                        publishedTokens: w.publishedTokens, publishedLoss: SavedTally(w.publishedLoss),
                        negativeQueue: w.negativeQueueFilled ? Array(UnsafeBufferPointer(start: w.negativeQueue, count: negatives)) : nil,
                        paused: w.cursor.paused, done: w.cursor.done, position: w.cursor.position,
                        chunkStart: w.cursor.chunk.lowerBound, chunkEnd: w.cursor.chunk.upperBound, taskTokens: w.taskTokens)
        }
        self.queue = queue.state
    }

    /// Checks that the saved positions fit this run (a checksum-valid file made by a faulty
    /// writer must not send a worker outside its chunk or the corpus).
    func check(epochs: Int, threads: Int, corpusLength: Int, path: String) throws {
        func bad(_ what: String) -> CheckpointError { .corrupted(path: path, detail: what) }
        guard (1...epochs).contains(epoch) else { throw bad("epoch \(epoch) of \(epochs)") }
        guard summaries.count == epoch - 1 else { throw bad("\(summaries.count) epoch summaries before epoch \(epoch)") }
        guard workers.count == threads else { throw bad("\(workers.count) workers saved for \(threads) threads") }
        for (t, w) in workers.enumerated() where w.paused {
            guard 0 <= w.chunkStart, w.chunkStart <= w.position, w.position < w.chunkEnd, w.chunkEnd <= corpusLength,
                  !w.done, w.taskTokens <= w.processedTokens else {
                throw bad("worker \(t) paused at \(w.position), outside its chunk \(w.chunkStart)..<\(w.chunkEnd) of the corpus (\(corpusLength))")
            }
        }
    }

    /// Puts the state into the workers and the shared progress; returns where the run continues.
    func restore(workers: UnsafeMutableBufferPointer<WorkerState>, queue: ShardQueue, progress: TrainingProgress, negatives: Int,
                 path: String) throws -> ResumePoint {
        func bad(_ what: String) -> CheckpointError { .corrupted(path: path, detail: what) }
        guard self.workers.count == workers.count else { throw bad("\(self.workers.count) workers saved for \(workers.count) threads") }
        for (t, s) in self.workers.enumerated() {
            guard let rng = Xoshiro256(state: s.rng) else { throw bad("worker \(t) has an invalid random state") }
            if let queue = s.negativeQueue, queue.count != negatives { throw bad("worker \(t) has \(queue.count) queued negatives, not \(negatives)") }
            workers[t].rng = rng
            workers[t].loss = s.loss.tally
            workers[t].processedTokens = s.processedTokens
            workers[t].publishedTokens = s.publishedTokens
            workers[t].publishedLoss = s.publishedLoss.tally
            if let queue = s.negativeQueue {
                for i in 0..<negatives { workers[t].negativeQueue[i] = queue[i] }
            }
            workers[t].negativeQueueFilled = s.negativeQueue != nil
            var cursor = ShardCursor()
            cursor.paused = s.paused
            cursor.done = s.done
            cursor.position = s.position
            cursor.chunk = s.chunkStart..<s.chunkEnd
            workers[t].cursor = cursor
            workers[t].taskTokens = s.taskTokens
        }
        guard queue.restore(self.queue) else { throw bad("its chunk queue does not fit this run's \(queue.chunks.count) chunks") }
        progress.tokens.store(progressTokens, ordering: .relaxed)
        progress.lossMicros.store(lossMicros, ordering: .relaxed)
        progress.lossPredictions.store(lossPredictions, ordering: .relaxed)
        progress.reportedMicros = lossMicros
        progress.reportedPredictions = lossPredictions
        progress.startTokens = progressTokens
        let epochs = summaries.map {
            EpochSummary(epoch: $0.epoch, epochs: $0.epochs, loss: Double(bitPattern: $0.lossBits), predictions: $0.predictions,
                         seconds: $0.seconds, alpha: Float(bitPattern: $0.alphaBits))
        }
        return ResumePoint(epoch: epoch, epochStartLoss: epochStartLoss.tally, summaries: epochs, seconds: seconds, queue: self.queue)
    }
}
