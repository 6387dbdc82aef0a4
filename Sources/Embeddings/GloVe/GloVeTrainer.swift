#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Corpus
import CPrefetch
import Dispatch

/// Weighted least squares on the co-occurrence records (Pennington et al. 2014) with AdaGrad, as
/// the reference `glove`: for each record (i, j, X),
///   diff = w_i · w~_j + b_i + b~_j - log X,  g = f(X) diff,
///   w_i -= eta g w~_j / sqrt(G_i),  w~_j -= eta g w_i / sqrt(G~_j), the same for the biases,
/// G accumulating the squared scaled gradients from 1.
///
/// W and W~ are the input and output rows of the shared `EmbeddingTable`; the AdaGrad sums are
/// rows of a second table laid out like it (`squares`, `stride` apart, so one SIMD16 loop updates
/// a row, its context row and both sums), and the biases rows of a third (`biases`, dim 2: a
/// word's bias and its AdaGrad sum side by side, input rows for words, output rows for contexts). Threads take disjoint slices of
/// the shuffled records and update the shared rows without locks (Hogwild, as the reference).
public final class GloVeTrainer {
    public let options: GloVeOptions
    public let table: EmbeddingTable
    public let vocabularySize: Int
    /// AdaGrad's sums of squared gradients of W (input rows) and W~ (output rows), from 1.
    let squares: EmbeddingTable
    /// Row i: [bias, its AdaGrad sum]; input rows are the words' biases, output rows the contexts'.
    let biases: EmbeddingTable
    /// Called after every epoch with the workers stopped (e.g. evaluation); `EpochSummary.loss`
    /// is the epoch's mean cost (0.5 f(X) (w·w~ + b + b~ - log X)^2 over the records),
    /// `predictions` its record count. Throwing stops training.
    public var observers: [EpochObserver] = []
    /// Interleaved in every worker's records (the MT2ST auxiliary tasks), every `everyTokens` ×
    /// records per corpus token records, so a GloVe epoch gets as many calls as a word2vec epoch.
    public var interleaved: WorkerHook?
    /// Corpus tokens the records were counted from (the hook's tokens-to-records rate).
    public var corpusTokens = 0

    /// Bytes the trainer allocates: the table, the same again for the gradient sums, the biases.
    public static func memoryEstimate(vocabularySize v: Int, dim: Int) -> Int {
        2 * EmbeddingTable.memoryEstimate(inputRows: v, outputRows: v, dim: dim)
            + EmbeddingTable.memoryEstimate(inputRows: v, outputRows: v, dim: 2)
    }

    public init(vocabularySize v: Int, options: GloVeOptions) throws {
        try options.validate()
        precondition(v >= 1)
        self.options = options
        vocabularySize = v
        table = EmbeddingTable(inputRows: v, outputRows: v, dim: options.dim)
        table.initializeUniformBoth(seed: options.seed)
        // 1 everywhere, padding included (so the first step is eta, and padding stays 0 / 1 = 0).
        squares = EmbeddingTable(inputRows: v, outputRows: v, dim: options.dim)
        squares.fill(1)
        biases = EmbeddingTable(inputRows: v, outputRows: v, dim: 2)
        // The reference initialises biases like the vectors (words first, then contexts); sums from 1.
        var rng = Xoshiro256(seed: options.seed, stream: 0xb1a5)
        biases.update { h in
            for k in 0..<(2 * v) {
                let row = k < v ? h.inputRow(k) : h.outputRow(k - v)
                row[0] = (rng.unitFloat() - 0.5) / Float(options.dim)
                row[1] = 1
            }
        }
    }

    public func wordBias(_ i: Int) -> Float { biases.read { $0.inputRow(i)[0] } }
    public func contextBias(_ j: Int) -> Float { biases.read { $0.outputRow(j)[0] } }

    /// Runs `options.epochs` epochs over `records`, calling the observers after each. Throws
    /// `GloVeError.diverged` as soon as an epoch's cost is NaN or infinite.
    @discardableResult
    public func train(_ records: ShuffledRecords) throws -> TrainingSummary {
        let begin = DispatchTime.now().uptimeNanoseconds
        var summaries: [EpochSummary] = []
        for epoch in 1...options.epochs {
            let cost = try runEpoch(records, epoch: epoch)
            let end = DispatchTime.now().uptimeNanoseconds
            guard cost.isFinite else { throw GloVeError.diverged(epoch: epoch, cost: cost) }
            let summary = EpochSummary(epoch: epoch, epochs: options.epochs, loss: cost, predictions: records.count,
                                       seconds: Double(end - begin) / 1e9, alpha: options.learningRate)
            summaries.append(summary)
            for observer in observers { try observer.epochDidEnd(summary, table: table) }
        }
        return TrainingSummary(epochs: summaries, seconds: Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9,
                               tokens: records.count * options.epochs, threads: min(options.threads, max(records.count, 1)))
    }

    /// One pass; returns the mean cost.
    func runEpoch(_ records: ShuffledRecords, epoch: Int = 1) throws -> Double {
        let n = records.count
        guard n > 0 else { return 0 }
        let threads = min(options.threads, n)
        let costs = UnsafeMutablePointer<Double>.allocate(capacity: threads)
        costs.initialize(repeating: 0, count: threads)
        defer { costs.deallocate() }
        var errors = [Error?](repeating: nil, count: threads)
        let lock = DispatchQueue(label: "glove.errors")
        let kernel = GloVeKernel(trainer: self, records: n)
        let file = records.file
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let slice = (n * t / threads)..<(n * (t + 1) / threads)
            do {
                costs[t] = try kernel.run(file: file, slice: slice, thread: t, epoch: epoch)
            } catch {
                lock.sync { errors[t] = error }
            }
        }
        if let error = errors.compactMap({ $0 }).first { throw error }
        var total = 0.0
        for t in 0..<threads { total += costs[t] }
        return total / Double(n)
    }

    /// Makes the input rows the vectors to write: W + W~ (`.sum`) or W (`.word`). Call once,
    /// after training.
    public func finalizeVectors() {
        guard options.output == .sum else { return }
        let h = table.handle
        for r in 0..<vocabularySize {
            VectorKernels.axpy(1, h.outputRow(r), h.inputRow(r), h.stride)
        }
    }
}

/// The per-record update over raw pointers; one copy per thread, no allocation in the loop.
struct GloVeKernel: @unchecked Sendable {
    let handle: TableHandle
    /// AdaGrad sums of W (input rows) and W~ (output rows).
    let squares: TableHandle
    /// [bias, AdaGrad sum] of each word (input rows) and context (output rows).
    let biases: TableHandle
    let eta: Float
    let clip: Float
    let seed: UInt64
    let task: WorkerHook?
    /// Records between two calls of `task` on a worker.
    let everyRecords: Int
    static let chunkRecords = 1 << 16
    /// Records between a prefetch and the update that needs it.
    static let prefetchDistance = 4

    /// `records`: the records of an epoch (with `trainer.corpusTokens`, the hook's rate).
    init(trainer: GloVeTrainer, records: Int = 0) {
        let v = trainer.vocabularySize
        handle = trainer.table.handle
        squares = trainer.squares.handle
        biases = trainer.biases.handle
        eta = trainer.options.learningRate
        clip = trainer.options.gradientClip
        seed = trainer.options.seed
        task = trainer.interleaved
        let scaled = Double(task?.everyTokens ?? 1) * Double(records) / Double(max(trainer.corpusTokens, 1))
        everyRecords = max(1, Int(scaled.rounded()))
    }

    /// Streams `slice` of the record file through a private buffer, running the interleaved task
    /// every `everyRecords` records; returns the summed cost.
    func run(file: TemporaryFile, slice: Range<Int>, thread: Int = 0, epoch: Int = 1) throws -> Double {
        let buffer = UnsafeMutablePointer<GloVeRecord>.allocate(capacity: GloVeKernel.chunkRecords)
        defer { buffer.deallocate() }
        var cost = 0.0
        var next = slice.lowerBound
        let size = MemoryLayout<GloVeRecord>.stride
        var rng = Xoshiro256(seed: seed, stream: 0x61_7578 &+ UInt64(epoch) << 20 &+ UInt64(thread))
        let every = task == nil ? Int.max : everyRecords
        var sinceTask = 0
        while next < slice.upperBound {
            let n = min(GloVeKernel.chunkRecords, slice.upperBound - next)
            guard try file.read(into: buffer, count: n * size, at: next * size) == n * size else {
                throw GloVeError.temporaryFile(directory: file.directory, reason: "record file shorter than written")
            }
            var k = 0
            while k < n {
                let m = min(n - k, every - sinceTask)
                cost += update(buffer + k, count: m)
                k += m
                sinceTask += m
                if let task, sinceTask >= every {
                    sinceTask = 0
                    let t = Double(epoch - 1) + Double(next + k - slice.lowerBound) / Double(slice.count)
                    task.run(thread: thread, time: t, learningRate: eta, rng: &rng)
                }
            }
            next += n
        }
        return cost
    }

    /// 1 / sqrt(x) for x >= 1 (AdaGrad sums), to 5e-6 relative: the classic bit-level first guess
    /// and two Newton steps, all in vector registers. `SIMD16.squareRoot()` is not vectorised here
    /// (it becomes 16 calls to libm's sqrtf), which made training several times slower.
    @inline(__always)
    static func inverseSquareRoot(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self)
        var y = unsafeBitCast(SIMD16<UInt32>(repeating: 0x5f37_5a86) &- (bits &>> 1), to: SIMD16<Float>.self)
        let half = x * 0.5
        y = y * (1.5 - half * y * y)
        y = y * (1.5 - half * y * y)
        return y
    }

    /// Trains on `count` records; returns their summed cost (NaN if any diff was not finite).
    @inline(never)
    func update(_ records: UnsafePointer<GloVeRecord>, count: Int) -> Double {
        let stride = handle.stride
        var cost = 0.0
        let ahead = GloVeKernel.prefetchDistance
        for k in 0..<count {
            // The four rows a record touches are random: start loading those of a later record
            // so their cache misses overlap this record's arithmetic.
            if k &+ ahead < count {
                let next = records[k &+ ahead]
                handle.prefetchInputRow(Int(next.word))
                handle.prefetchOutputRow(Int(next.context))
                squares.prefetchInputRow(Int(next.word))
                squares.prefetchOutputRow(Int(next.context))
                biases.prefetchInputRow(Int(next.word))
                biases.prefetchOutputRow(Int(next.context))
            }
            let r = records[k]
            let i = Int(r.word), j = Int(r.context)
            let w = handle.inputRow(i), c = handle.outputRow(j)
            let gw = squares.inputRow(i), gc = squares.outputRow(j)
            let bw = biases.inputRow(i), bc = biases.outputRow(j)
            let diff = VectorKernels.dot(w, c, stride) + bw[0] + bc[0] - r.logCount
            let fdiff = r.weight * diff
            cost += Double(0.5 * fdiff * diff)
            guard diff.isFinite else { continue }
            // Gradient clipping on the shared factor (scalar, so the vector loop stays branch-free).
            let g = min(max(fdiff, -clip), clip) * eta
            let f = SIMD16<Float>(repeating: g)
            var b = 0
            while b < stride {
                let wv = VectorKernels.load(w + b), cv = VectorKernels.load(c + b)
                let t1 = f * cv
                let t2 = f * wv
                let gwv = VectorKernels.load(gw + b), gcv = VectorKernels.load(gc + b)
                VectorKernels.store(wv - t1 * GloVeKernel.inverseSquareRoot(gwv), w + b)
                VectorKernels.store(cv - t2 * GloVeKernel.inverseSquareRoot(gcv), c + b)
                VectorKernels.store(gwv.addingProduct(t1, t1), gw + b)
                VectorKernels.store(gcv.addingProduct(t2, t2), gc + b)
                b &+= 16
            }
            bw[0] -= g / bw[1].squareRoot()
            bc[0] -= g / bc[1].squareRoot()
            bw[1] += g * g
            bc[1] += g * g
        }
        return cost
    }
}
