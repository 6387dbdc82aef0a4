import ArgumentParser
import Embeddings
import Foundation

/// Standalone GloVe command (until `train --model glove` exists on this branch).
struct GloVeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glove",
        abstract: "Train GloVe vectors (co-occurrence counting within a memory budget, shuffle, AdaGrad) in one command.")

    @OptionGroup var corpus: CorpusOptionGroup
    @OptionGroup var glove: GloVeOptionGroup

    @Option(name: .long, help: ArgumentHelp("Write the vectors here (word2vec text format, or binary with --binary).", valueName: "file"))
    var output: String

    @Option(name: .long, help: "Vector dimension.")
    var dim: Int = 100

    @Option(name: .long, help: "Symmetric context window; a pair at distance d counts 1/d.")
    var window: Int = 10

    @Option(name: .long, help: "Passes over the co-occurrence records (GloVe's iterations).")
    var epochs: Int = 15

    @Option(name: .long, help: "AdaGrad's initial learning rate.")
    var alpha: Float = 0.05

    @Option(name: .long, help: "Worker threads (default: the number of cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Random seed (initialisation, shuffle).")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Write word2vec binary format instead of text.")
    var binary = false

    @Flag(name: .long, help: "Only the final summary line on stderr.")
    var quiet = false

    func run() throws {
        try runReportingErrors {
            var o = GloVeOptions()
            o.dim = dim
            o.window = window
            o.epochs = epochs
            o.learningRate = alpha
            o.threads = threads
            o.seed = seed
            try glove.apply(to: &o)
            try GloVeRun.run(corpus: corpus, options: o, output: output, binary: binary, quiet: quiet)
        }
    }
}
