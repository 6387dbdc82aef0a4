import EmbedBase
import Corpus
import Dispatch

/// Trains Skip-Gram or CBOW with negative sampling on an encoded corpus, Hogwild style: one
/// worker per shard of the corpus (`DispatchQueue.concurrentPerform`), all updating the shared
/// `EmbeddingTable` without locks; the learning rate decays linearly over all epochs from a
/// shared token counter. One thread and a fixed seed give bit-identical vectors.
public final class Word2VecTrainer {
    public let config: Word2VecConfig
    public let vocabulary: Vocabulary
    public let corpus: EncodedCorpus
    public let table: EmbeddingTable
    public var observers: [EpochObserver] = []
    /// Interleaved in every worker's stream (the MT2ST auxiliary tasks, synchronisation...).
    public var interleaved: WorkerHook?
    /// Set for a run over several processes (learning rate from the run's tokens, outside stop).
    public var coordinator: RunCoordinator?
    /// Called a few times a second from a worker thread while training.
    public var onProgress: ((ProgressSnapshot) -> Void)?
    public var progressInterval = 0.25
    /// Periodic checkpoints and resuming (`train --checkpoint`, `--resume`); nil: none.
    public var checkpoints: CheckpointSession?

    /// Bytes the run will allocate for `vocabularySize` words (table, sampling tables, worker
    /// scratch), for the estimate printed before allocating.
    /// `inputRows` defaults to one per word (FastText adds its bucket rows).
    public static func memoryEstimate(config: Word2VecConfig, vocabularySize: Int, inputRows: Int? = nil,
                                      outputRows: Int? = nil) -> Int {
        let table = EmbeddingTable.memoryEstimate(inputRows: inputRows ?? vocabularySize, outputRows: outputRows ?? vocabularySize,
                                                  dim: config.dim)
        let sampling = vocabularySize * (4 + 4 + 4)
        let stride = EmbeddingTable.stride(for: config.dim)
        let b = config.batchCapacity
        let worker = ((2 + 4 * b) * stride + b * b) * 4 + Word2VecConfig.sentenceCapacity * 4 + 32 * b
        let hot = config.threads > 1 ? HotRowCache.memoryEstimate(rows: min(config.hotRows, outputRows ?? vocabularySize), dim: config.dim) : 0
        return table + sampling + config.threads * (worker + hot)
    }

    /// Validates the configuration and allocates and initialises the table (word2vec's init):
    /// `inputRows` input rows (default: one per word; FastText adds its n-gram buckets after them),
    /// `outputRows` output rows (default: one per word; Structured Skip-Gram has one set per position).
    public init(config: Word2VecConfig, vocabulary: Vocabulary, corpus: EncodedCorpus, inputRows: Int? = nil,
                outputRows: Int? = nil) throws {
        try config.validate()
        guard vocabulary.size >= 2 else { throw TrainingError.vocabularyTooSmall(words: vocabulary.size) }
        self.config = config
        self.vocabulary = vocabulary
        self.corpus = corpus
        precondition((inputRows ?? vocabulary.size) >= vocabulary.size, "one input row per word at least")
        try MemoryLimit.check(EmbeddingTable.memoryEstimate(inputRows: inputRows ?? vocabulary.size, outputRows: outputRows ?? vocabulary.size,
                                                            dim: config.dim),
                              for: "the model", advice: "lower --dim, --bucket or the vocabulary (--min-count, --max-vocab)")
        table = EmbeddingTable(inputRows: inputRows ?? vocabulary.size, outputRows: outputRows ?? vocabulary.size,
                               dim: config.dim)
        table.initializeWord2Vec(seed: config.seed)
    }

    /// Negative sampling over the vocabulary's unigram^0.75 noise, on this trainer's table.
    public func negativeSamplingLoss() -> NegativeSamplingLoss {
        NegativeSamplingLoss(negatives: config.negatives, noise: NoiseDistribution(counts: vocabulary.counts), table: table.handle)
    }

    /// Trains Skip-Gram or CBOW (the configured architecture and kernel; other models call `run`).
    public func train() throws -> TrainingSummary {
        config.architecture == .cbow ? try CBOWDefinition.train(self) : try SkipGramDefinition.train(self)
    }

    /// Runs every epoch with `model`, generic so each model's loop is specialised.
    public func run<M: Word2VecModel>(_ model: M) throws -> TrainingSummary {
        let threads = config.threads
        let queue = ShardQueue(corpus: corpus, workers: threads)
        let progress = TrainingProgress(totalTokens: config.epochs * corpus.tokenCount, threads: threads,
                                        reportInterval: progressInterval)
        let subsampler = SubSampler(vocabulary: vocabulary, sample: config.sample)
        let workers = UnsafeMutableBufferPointer<WorkerState>.allocate(capacity: threads)
        for t in 0..<threads {
            (workers.baseAddress! + t).initialize(to: WorkerState(
                index: t, seed: config.seed, stride: table.stride, batchCapacity: config.batchCapacity,
                sentenceCapacity: Word2VecConfig.sentenceCapacity))
        }
        // With several threads, each worker's copies of the hottest output rows.
        let hotCount = threads > 1 && M.cachesHotRows ? min(config.hotRows, table.outputRows) : 0
        let caches = hotCount > 0 ? (0..<threads).map { _ in HotRowCache(table: table.handle, count: hotCount) } : []
        for t in caches.indices { workers[t].hot = caches[t].rows }
        // Each model's own per-worker memory (its `Scratch`), beside the standard state.
        let scratches = UnsafeMutableBufferPointer<M.Scratch>.allocate(capacity: threads)
        for t in 0..<threads { (scratches.baseAddress! + t).initialize(to: model.makeScratch()) }
        defer {
            _ = workers.deinitialize()
            workers.deallocate()
            _ = scratches.deinitialize()
            scratches.deallocate()
        }
        let start = try checkpoints?.begin(self, workers: workers, queue: queue, progress: progress) ?? ResumePoint()
        defer { checkpoints?.end() }
        var summaries = start.summaries
        for epoch in start.epoch...config.epochs {
            let resumed = epoch == start.epoch && start.queue != nil // the queue and workers come from a checkpoint
            let before = (epoch == start.epoch ? start.epochStartLoss : nil) ?? workers.reduce(LossTally()) { $0 + $1.loss }
            if !resumed {
                queue.reset()
                for t in 0..<threads { workers[t].taskTokens = workers[t].processedTokens }
            }
            for cache in caches { cache.refresh() } // observers may have changed the table
            repeat { // more than once only when the workers paused for a checkpoint
                subsampler.thresholds.withUnsafeBufferPointer { keep in
                    DispatchQueue.concurrentPerform(iterations: threads) { t in
                        // A copy on this thread's stack: the workers' states sit side by side in
                        // `workers`, and updating them in place would bounce cache lines between cores.
                        var worker = workers[t]
                        guard !worker.cursor.done else { return }
                        var scratch = scratches[t]
                        let clock = DispatchTime.now().uptimeNanoseconds
                        while true {
                            let chunk: Range<Int>
                            if worker.cursor.paused { chunk = worker.cursor.chunk } // continue after a checkpoint
                            else if let next = queue.next(for: t) { chunk = next }
                            else { break }
                            trainShard(model, shard: chunk, keep: keep.baseAddress!, epoch: epoch,
                                       worker: &worker, scratch: &scratch, cache: caches.isEmpty ? nil : caches[t],
                                       progress: progress)
                            if worker.cursor.paused || progress.stop.load(ordering: .relaxed) || coordinator?.stopReason != nil { break }
                        }
                        worker.cursor.done = !worker.cursor.paused
                        worker.busySeconds += Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9
                        workers[t] = worker
                        scratches[t] = scratch
                    }
                }
            } while try checkpoints?.writeIfPaused(self, epoch: epoch, epochStartLoss: before, summaries: summaries,
                                                   workers: workers, queue: queue, progress: progress) ?? false
            for t in 0..<threads { workers[t].cursor = ShardCursor() }
            if let reason = coordinator?.stopReason { throw TrainingError.stopped(epoch: epoch - 1, reason: reason) }
            let after = workers.reduce(LossTally()) { $0 + $1.loss }
            let epochLoss = LossTally(sum: after.sum - before.sum, predictions: after.predictions - before.predictions)
            if progress.stop.load(ordering: .relaxed) || !epochLoss.sum.isFinite || table.containsNonFinite() {
                throw TrainingError.diverged(epoch: epoch, detail: "the loss or the weights became NaN or infinite")
            }
            let summary = EpochSummary(epoch: epoch, epochs: config.epochs, loss: epochLoss.mean,
                                       predictions: epochLoss.predictions, seconds: start.seconds + progress.seconds,
                                       alpha: alpha(doneTokens: progress.tokens.load(ordering: .relaxed), progress))
            summaries.append(summary)
            for observer in observers { try observer.epochDidEnd(summary, table: table) }
        }
        return TrainingSummary(epochs: summaries, seconds: start.seconds + progress.seconds,
                               tokens: progress.tokens.load(ordering: .relaxed), threads: threads,
                               busySeconds: workers.map(\.busySeconds))
    }

    @inline(__always)
    func alpha(doneTokens: Int, _ progress: TrainingProgress) -> Float {
        let f = coordinator.map { min(1, Float(Double($0.runTokens(local: doneTokens)) / Double(max($0.runTotalTokens, 1)))) }
            ?? min(1, Float(Double(doneTokens) / Double(progress.totalTokens)))
        return config.learningRateSchedule.alpha(start: config.startAlpha, end: config.endAlpha, fraction: f)
    }

    /// One worker's pass over a chunk of the corpus in one epoch: sub-sample each sentence into the
    /// worker's buffer, train on each position with a dynamic window; every `syncEvery` tokens merge
    /// the worker's hot rows, publish progress and refresh the learning rate (and pause there if a
    /// checkpoint is requested); after every sentence run the interleaved task when due.
    @inline(never)
    func trainShard<M: Word2VecModel>(_ model: M, shard: Range<Int>, keep: UnsafePointer<UInt32>, epoch: Int,
                                     worker w: inout WorkerState, scratch: inout M.Scratch, cache: HotRowCache?,
                                     progress: TrainingProgress) {
        guard let ids = corpus.ids.baseAddress else { return }
        let window = config.window
        let syncEvery = config.syncEvery
        let capacity = w.sentenceCapacity
        let sentence = w.sentence
        var alpha = self.alpha(doneTokens: progress.tokens.load(ordering: .relaxed), progress)
        let tokensPerEpoch = Double(max(1, corpus.tokenCount))
        var n = 0
        var pos = shard.lowerBound
        let end = shard.upperBound
        let pause = checkpoints?.request
        if w.cursor.paused { (pos, w.cursor.paused) = (w.cursor.position, false) }
        while pos < end {
            let id = ids[pos]
            pos &+= 1
            if id != EncodedCorpus.sentenceEnd {
                w.processedTokens &+= 1
                let threshold = keep[Int(id)]
                if threshold == .max || UInt32(truncatingIfNeeded: w.rng.next() >> 32) < threshold {
                    sentence[n] = Int32(bitPattern: id)
                    n &+= 1
                }
                if n < capacity && pos < end { continue }
            }
            var c = 0
            while c < n {
                let example = TrainingExample.dynamicWindow(sentence: sentence, length: n, centre: c,
                                                            window: window, rng: &w.rng)
                model.train(example, alpha: alpha, worker: &w, scratch: &scratch)
                c &+= 1
            }
            model.finishSentence(worker: &w, scratch: &scratch)
            n = 0
            let due = w.processedTokens &- w.publishedTokens >= syncEvery || pos >= end
            if due {
                cache?.merge()
                alpha = publish(&w, progress: progress, epoch: epoch)
            }
            // The interleaved task is checked after every sentence (not only at a publish), so that
            // `everyTokens` below `syncEvery` takes effect; publishing first keeps runs at `syncEvery` unchanged.
            if let task = interleaved, w.processedTokens - w.taskTokens >= task.everyTokens {
                w.taskTokens = w.processedTokens
                // Training time t in epochs, from the run's tokens (with work stealing a worker's own
                // count is not its share of the epoch): the published ones plus this worker's own since.
                let runTokens = progress.tokens.load(ordering: .relaxed) &+ (w.processedTokens &- w.publishedTokens)
                task.run(thread: w.index, time: Double(runTokens) / tokensPerEpoch,
                         learningRate: alpha, rng: &w.rng)
            }
            if due {
                if progress.stop.load(ordering: .relaxed) || coordinator?.stopReason != nil { return }
                if let pause, pos < end, pause.flag.load(ordering: .relaxed) { // a checkpoint: stop here, resume at pos
                    w.cursor.pause(at: pos, in: shard)
                    return
                }
            }
        }
    }

    /// Adds the worker's new tokens and loss to the shared progress; returns the learning rate.
    func publish(_ w: inout WorkerState, progress: TrainingProgress, epoch: Int) -> Float {
        let delta = w.processedTokens - w.publishedTokens
        w.publishedTokens = w.processedTokens
        let done = progress.tokens.add(delta, ordering: .relaxed).newValue
        let lossSum = w.loss.sum - w.publishedLoss.sum
        let predictions = w.loss.predictions - w.publishedLoss.predictions
        w.publishedLoss = w.loss
        if !lossSum.isFinite {
            progress.stop.store(true, ordering: .relaxed)
        } else {
            progress.lossMicros.add(Int(lossSum * 1e6), ordering: .relaxed)
            progress.lossPredictions.add(predictions, ordering: .relaxed)
        }
        let alpha = self.alpha(doneTokens: done, progress)
        if let onProgress {
            progress.reportIfDue(epoch: epoch, epochs: config.epochs, alpha: alpha, onProgress)
        }
        return alpha
    }
}
