import EmbedBase
import ArgumentParser
import Embeddings
import Evaluation
import Foundation

struct NeighborsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbors",
        abstract: "Print the nearest neighbours (by cosine) of words.",
        discussion: """
        Give the words as arguments, or none to read them from standard input, one per line (works \
        interactively). With --vectors, words are looked up exactly, then case-insensitively (most \
        frequent variant). With --model (a fastText .bin or our model file), a word outside the vocabulary gets \
        a vector from its character n-grams and its neighbours are searched among the vocabulary's \
        words. A word that has no vector prints a message on stderr; the exit status is then 1.
        """)

    @Option(name: .long, help: ArgumentHelp("Vector file: word2vec text or binary, fastText .vec, GloVe text (no header), or a model file (fastText .bin, or ours from 'train --save-model': the vocabulary's vectors).", valueName: "file"))
    var vectors: String?

    @Option(name: .long, help: ArgumentHelp("FastText model instead of --vectors: a fastText .bin (from fastText, gensim or 'train --model fasttext --save-model FILE') or our own model file; unknown words get vectors from their character n-grams.", valueName: "file"))
    var model: String?

    @Option(name: .long, help: ArgumentHelp("Force the vector file format: text (word2vec text / fastText .vec), binary (word2vec binary) or glove (no header line). Default: detected from the file.", valueName: "text|binary|glove"))
    var format: VectorFormat?

    @Option(name: .long, help: "Threads for reading and scoring (defaults to the number of cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var queryOptions: QueryOptionGroup

    @Argument(help: "Words to query (default: read one per line from standard input).")
    var words: [String] = []

    func validate() throws {
        guard (vectors == nil) != (model == nil) else { throw ValidationError("give either --vectors FILE or --model FILE") }
        guard model == nil || format == nil else { throw ValidationError("--format applies to --vectors only") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        var failed = false
        try runReportingErrors {
            let query: (String) -> Void
            if let model {
                let fastText = try FastTextModelFile.read(path: model)
                let matrix = try fastText.embeddingMatrix()
                printErr("read \(fastText.vocabulary.size) words and \(fastText.storedBuckets) n-gram bucket rows, dimension \(fastText.dim)"
                         + (fastText.fastTextVersion.map { " (fastText .bin version \($0))" } ?? ""))
                let limit = queryOptions.restrictVocab
                query = { word in
                    if let r = matrix.row(of: word), limit <= 0 || r < limit {
                        print("neighbors of \(word):")
                        printRanked(Neighbors.nearest(matrix, row: r, k: queryOptions.top, limit: limit))
                        return
                    }
                    switch fastText.lookup(word) {
                    case .failure(let e):
                        printErr("mt2st-embed: \(e.message)")
                        failed = true
                    case .success(let v):
                        print("neighbors of \(word) (\(v.inVocabulary ? "beyond --restrict-vocab" : "not in the vocabulary"), "
                              + "vector from \(v.ngrams) character n-gram\(v.ngrams == 1 ? "" : "s")):")
                        printRanked(Neighbors.nearest(matrix, vector: v.values, k: queryOptions.top, limit: limit))
                    }
                }
            } else {
                let options = try VectorOptionGroup.parse(["--vectors", vectors!, "--threads", String(threads)]
                                                          + (format.map { ["--format", $0.rawValue] } ?? []))
                let matrix = try options.load()
                var lookup = QueryLookup(matrix: matrix, limit: queryOptions.restrictVocab)
                query = { word in
                    switch lookup.rows(of: [word]) {
                    case .failure(let e):
                        printErr("mt2st-embed: \(e.message)")
                        failed = true
                    case .success(let rows):
                        print("neighbors of \(matrix.words.word(rows[0])):")
                        printRanked(Neighbors.nearest(matrix, row: rows[0], k: queryOptions.top, limit: queryOptions.restrictVocab))
                    }
                }
            }
            if words.isEmpty { forEachStdinLine(query) } else { words.forEach(query) }
        }
        if failed { throw ExitCode(1) }
    }
}

extension FastTextModel {
    /// The vocabulary's word vectors (as `train --output` writes them), ready for scoring.
    func embeddingMatrix() throws -> EmbeddingMatrix {
        try EmbeddingMatrix(words: (0..<vocabulary.size).map { vocabulary.bytes($0) }, vectors: vocabularyVectors(), dim: dim)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
    func rightPadded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
