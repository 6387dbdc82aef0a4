import ArgumentParser
import Embeddings
import Evaluation
import Experiments
import Foundation

struct RetrofitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrofit",
        abstract: "Retrofit word vectors to a synonym lexicon (Faruqui et al. 2015): the post-hoc baseline for --knowledge.",
        discussion: """
        Each word with synonyms in the lexicon moves towards them: q_i = (q̂_i + Σ_j q_j / degree) / 2, \
        q̂ the original vector (unit-normalised, as in the reference code), repeated --iterations times. \
        The lexicon is a constraints file ('synonym w1 w2' lines, as data/out/wordnet-constraints.txt; \
        antonym lines are ignored). --exclude-pairs removes the pairs of evaluation files first, so the \
        result can be evaluated on pairs it never saw. Every word of --vectors is written, in its order, \
        in word2vec text (or --binary) format.
        """)

    @OptionGroup var input: VectorOptionGroup

    @Option(name: .long, help: ArgumentHelp("Synonym lexicon: 'synonym word1 word2' lines (a knowledge constraints file).", valueName: "file"))
    var lexicon: String

    @Option(name: .long, help: ArgumentHelp("Write the retrofitted vectors here.", valueName: "file"))
    var output: String

    @Option(name: .long, help: "Iterations of the update (the paper's 10).")
    var iterations: Int = 10

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Evaluation files (analogy or similarity) whose word pairs are removed from the lexicon.", valueName: "file"))
    var excludePairs: [String] = []

    @Flag(name: .long, help: "Write word2vec binary format instead of text.")
    var binary = false

    func validate() throws {
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1") }
    }

    func run() throws {
        try runReportingErrors {
            try OutputPath.checkWritable(output)
            let exclude = try ExcludedPairs.load(paths: excludePairs)
            let lexicon = try Retrofitter.lexicon(path: self.lexicon, exclude: exclude)
            let matrix = try input.load()
            let graph = Retrofitter(matrix: matrix, pairs: lexicon.pairs)
            guard graph.edges > 0 else {
                throw EvaluationError.badFile(path: self.lexicon,
                    reason: "none of its \(lexicon.pairs.count) synonym pairs has both words in \(input.vectors): nothing to retrofit")
            }
            printErr("lexicon: \(lexicon.pairs.count) synonym pairs (\(lexicon.removed) removed as evaluation pairs, "
                     + "\(lexicon.repel) antonym lines ignored); \(graph.edges) edges between \(graph.connectedWords) of \(matrix.count) words")
            let clock = WallClock()
            let q = graph.run(matrix, iterations: iterations)
            let dim = matrix.dim
            try q.withUnsafeBufferPointer { q in
                try Word2VecWriter.write(count: matrix.count, dim: dim, to: output, binary: binary,
                                         word: { i, out in out.append(contentsOf: matrix.words.bytes(i)) },
                                         vector: { i in q.baseAddress! + i * dim })
            }
            printErr("retrofitted in \(String(format: "%.2f", clock.seconds)) s (\(iterations) iterations); wrote \(output) "
                     + "(\(matrix.count) x \(dim), \(binary ? "binary" : "text"))")
        }
    }
}
