#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which word2vec architecture to train.
public enum Word2VecArchitecture: String, Codable, CaseIterable, Sendable {
    case skipGram = "skipgram"
    case cbow
}

/// How Skip-Gram updates are computed: `batch` is pWord2Vec's HogBatch (one shared draw of
/// negatives per window, small matrix products in SIMD16 kernels; the default), `plain` is word2vec's
/// per-pair loop, `blas` is HogBatch through `cblas_sgemm`.
/// CBOW always uses the plain loop (one hidden vector per window is already a batch).
public enum Word2VecKernel: String, Codable, CaseIterable, Sendable {
    case batch
    case plain
    /// HogBatch with OpenBLAS `cblas_sgemm` on row copies (pWord2Vec's way), for comparison.
    case blas
}

/// The learning-rate decay over a run: word2vec's linear decay, or the cosine schedule the MT2ST
/// paper trains with: end + (start − end) · ½ (1 + cos(π f)), f the fraction of all tokens done.
public enum LearningRateSchedule: String, Codable, CaseIterable, Sendable {
    case linear
    case cosine

    @inlinable
    public func alpha(start: Float, end: Float, fraction f: Float) -> Float {
        switch self {
        case .linear: return max(end, start - (start - end) * f)
        case .cosine: return end + (start - end) * 0.5 * (1 + _cosine(Float.pi * f))
        }
    }
}

@usableFromInline func _cosine(_ x: Float) -> Float {
    Float(cos(Double(x)))
}

/// The hyper-parameters of a Skip-Gram or CBOW run, with word2vec's defaults.
public struct Word2VecConfig: Codable, Sendable, Equatable {
    public var architecture: Word2VecArchitecture = .skipGram
    public var kernel: Word2VecKernel = .batch
    public var dim = 100
    public var window = 5
    public var negatives = 5
    /// Sub-sampling threshold (0 keeps every token).
    public var sample = 1e-3
    public var epochs = 5
    /// Starting learning rate; nil = 0.025 for Skip-Gram, 0.05 for CBOW.
    public var alpha: Float? = nil
    /// Final learning rate; nil = alpha × 1e-4.
    public var minAlpha: Float? = nil
    public var threads = 1
    public var seed: UInt64 = 1
    /// CBOW: average the context vectors (word2vec's default) rather than sum them.
    public var cbowMean = true
    /// Corpus tokens between two updates of the shared progress counter and learning rate.
    public var syncEvery = 10_000
    /// With several threads, each worker's own copies of the output rows of this many most
    /// frequent words, merged into the shared table every `syncEvery` tokens (`HotRowCache`);
    /// 0 = every row shared (plain Hogwild). Ignored with one thread.
    public var hotRows = 0
    /// How the learning rate goes from `startAlpha` to `endAlpha` over all epochs.
    public var learningRateSchedule: LearningRateSchedule = .linear

    public init() {}

    public var startAlpha: Float { alpha ?? (architecture == .cbow ? 0.05 : 0.025) }
    public var endAlpha: Float { minAlpha ?? startAlpha * 1e-4 }

    /// Longest sub-sampled sentence chunk a worker processes at once (longer lines are split).
    public static let sentenceCapacity = 10_000

    public func validate() throws {
        func fail(_ m: String) -> TrainingError { .invalidOption(m) }
        if dim < 1 { throw fail("--dim must be at least 1 (got \(dim))") }
        if dim > 10_000 { throw fail("--dim must be at most 10000 (got \(dim))") }
        if window < 1 { throw fail("--window must be at least 1 (got \(window))") }
        if window > 1000 { throw fail("--window must be at most 1000 (got \(window))") }
        if negatives < 1 { throw fail("--negative must be at least 1 for negative sampling (got \(negatives))") }
        if negatives > 1000 { throw fail("--negative must be at most 1000 (got \(negatives))") }
        if !(sample >= 0) || !sample.isFinite { throw fail("--sample must be 0 or positive (got \(sample))") }
        if epochs < 1 { throw fail("--epochs must be at least 1 (got \(epochs))") }
        if threads < 1 { throw fail("--threads must be at least 1 (got \(threads))") }
        if threads > 1024 { throw fail("--threads must be at most 1024 (got \(threads))") }
        if !(startAlpha > 0) || !startAlpha.isFinite { throw fail("--alpha must be positive (got \(startAlpha))") }
        if !(endAlpha >= 0) || endAlpha > startAlpha {
            throw fail("--min-alpha must be between 0 and --alpha (got \(endAlpha))")
        }
        if syncEvery < 1 { throw fail("progress interval must be at least 1 token") }
        if hotRows < 0 { throw fail("--hot-rows must be 0 or positive (got \(hotRows))") }
    }

    /// Rows per batch in the workers' scratch: a window's contexts or an output set.
    var batchCapacity: Int { max(2 * window, negatives + 1) }
}

/// Errors of a training run, one line each.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case invalidOption(String)
    case vocabularyTooSmall(words: Int)
    case diverged(epoch: Int, detail: String)
    case stopped(epoch: Int, reason: String)

    public var description: String {
        switch self {
        case let .invalidOption(m): return m
        case let .vocabularyTooSmall(n):
            return "the vocabulary has \(n) word\(n == 1 ? "" : "s"); training needs at least 2 (lower --min-count or use a larger corpus)"
        case let .diverged(epoch, detail):
            return "training diverged in epoch \(epoch): \(detail); lower --alpha"
        case let .stopped(epoch, reason):
            return "training stopped after epoch \(epoch): \(reason)"
        }
    }
}
