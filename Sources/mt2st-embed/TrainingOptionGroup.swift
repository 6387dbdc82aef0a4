import ArgumentParser
import Corpus
import Embeddings
import Foundation

/// The primary trainer's options shared by `train` and `experiment`.
struct TrainingOptionGroup: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Vector dimension.")
    var dim: Int = 100

    @Option(name: .long, parsing: .unconditional, help: "Maximum context window on each side (the effective window is drawn uniformly in 1...window; glove: fixed window, a pair at distance d counts 1/d) (default: 5; 10 for glove).")
    var window: Int?

    @Option(name: .long, parsing: .unconditional, help: "Negative samples per prediction.")
    var negative: Int = 5

    @Option(name: .long, parsing: .unconditional, help: "Sub-sampling threshold for frequent words (0 disables).")
    var sample: Double = 1e-3

    @Option(name: .long, parsing: .unconditional, help: "Passes over the corpus (glove: over the co-occurrence records) (default: 5; train --model glove: 15).")
    var epochs: Int?

    @Option(name: .long, parsing: .unconditional, help: "Starting learning rate (default: 0.025 for skipgram and fasttext, 0.05 for cbow and fasttext-cbow; glove: AdaGrad's initial rate, 0.05).")
    var alpha: Float?

    @Option(name: .long, parsing: .unconditional, help: "Final learning rate, reached at the end of the last epoch (default: alpha x 1e-4).")
    var minAlpha: Float?

    @Option(name: .long, help: "Learning-rate decay over the run: linear (word2vec's) or cosine (the MT2ST paper's); not for glove (AdaGrad).")
    var lrSchedule: LearningRateSchedule = .linear

    @Option(name: .long, parsing: .unconditional, help: "Worker threads (default: the number of cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, parsing: .unconditional, help: "With several threads: each thread's own copies of the output rows of this many most frequent words, merged into the shared table every 10,000 words (they are the rows every thread writes all the time; 0: all rows shared, plain Hogwild). Not used with one thread or glove.")
    var hotRows: Int = Word2VecConfig().hotRows

    /// Skip-Gram / CBOW settings from these options (architecture, kernel and seed are the caller's).
    func word2vecConfig(architecture: Word2VecArchitecture) -> Word2VecConfig {
        var c = Word2VecConfig()
        c.architecture = architecture
        c.dim = dim
        c.window = window ?? 5
        c.negatives = negative
        c.sample = sample
        c.epochs = epochs ?? 5
        c.alpha = alpha
        c.minAlpha = minAlpha
        c.threads = threads
        c.learningRateSchedule = lrSchedule
        c.hotRows = hotRows
        return c
    }

    /// GloVe settings from these options (the GloVe-only ones come from `GloVeOptionGroup`).
    func gloveOptions(defaultEpochs: Int) -> GloVeOptions {
        var o = GloVeOptions()
        o.dim = dim
        o.window = window ?? 10
        o.epochs = epochs ?? defaultEpochs
        o.learningRate = alpha ?? 0.05
        o.threads = threads
        return o
    }
}

/// FastText's character n-gram options, shared by `train` and `experiment`.
struct SubwordOptionGroup: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "FastText: shortest character n-gram (Unicode characters, with the < > word boundary markers).")
    var minn: Int = 3

    @Option(name: .long, parsing: .unconditional, help: "FastText: longest character n-gram; --minn 0 --maxn 0 turns subwords off (then the vectors are Skip-Gram's / CBOW's).")
    var maxn: Int = 6

    @Option(name: .long, parsing: .unconditional, help: "FastText: hash buckets for the n-grams; each bucket some vocabulary word uses gets a row of dim floats (fewer buckets: less memory, more collisions).")
    var bucket: Int = 2_000_000

    var options: SubwordOptions { SubwordOptions(minn: minn, maxn: maxn, buckets: bucket) }

    /// Checks the n-gram options (an error naming the bad option).
    func validated() throws -> SubwordOptions {
        do { try options.validate() } catch let e as CorpusError { throw ValidationError(e.description) }
        return options
    }
}
