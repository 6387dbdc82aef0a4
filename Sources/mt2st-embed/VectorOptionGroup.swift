import EmbedBase
import ArgumentParser
import Evaluation
import Foundation

extension VectorFormat: ExpressibleByArgument {}
extension AnalogyMethod: ExpressibleByArgument {}

/// Options shared by every command that reads a vector file.
struct VectorOptionGroup: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Vector file: word2vec text or binary, fastText .vec, GloVe text (no header), or a model file (fastText .bin, or ours from 'train --save-model': the vocabulary's vectors).", valueName: "file"))
    var vectors: String

    @Option(name: .long, help: ArgumentHelp("Force the vector file format: text (word2vec text / fastText .vec), binary (word2vec binary) or glove (no header line). Default: detected from the file.", valueName: "text|binary|glove"))
    var format: VectorFormat?

    @Option(name: .long, help: "Threads for reading and scoring (defaults to the number of cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    /// Reads the vectors, with a progress line (size, then time) on stderr.
    func load(quiet: Bool = false) throws -> EmbeddingMatrix {
        let clock = WallClock()
        let log = { (line: String) in if !quiet { printErr(line) } }
        let matrix = format == nil && ModelFileInput.isModelFile(vectors)
            ? try ModelFileInput.load(vectors, log: log)
            : try VectorReader.read(path: vectors, format: format, threads: threads, log: log)
        if !quiet {
            printErr("read \(matrix.count) words, dimension \(matrix.dim), in \(String(format: "%.2f", clock.seconds)) s")
        }
        return matrix
    }
}

/// Options of the interactive query commands (neighbors, analogy).
struct QueryOptionGroup: ParsableArguments {
    @Option(name: [.customShort("k"), .long], help: "How many answers to print.")
    var top: Int = 10

    @Option(name: .long, help: "Search only the first N words (the most frequent); 0 means all.")
    var restrictVocab: Int = 0

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        guard restrictVocab >= 0 else { throw ValidationError("--restrict-vocab must be 0 (all) or positive") }
    }
}

/// Finds query words: exactly, or else case-insensitively (the most frequent case variant).
struct QueryLookup {
    let matrix: EmbeddingMatrix
    let limit: Int
    private var folded: EvaluationVocabulary?

    init(matrix: EmbeddingMatrix, limit: Int) {
        self.matrix = matrix
        self.limit = limit <= 0 ? matrix.count : min(limit, matrix.count)
    }

    mutating func row(of word: String) -> Int? {
        if let r = matrix.row(of: word), r < limit { return r }
        if folded == nil { folded = EvaluationVocabulary(matrix, limit: limit, caseInsensitive: true) }
        return folded!.row(of: word)
    }

    /// Rows for all words, or a message naming the unknown ones.
    mutating func rows(of words: [String]) -> Result<[Int], QueryError> {
        var rows: [Int] = []
        var unknown: [String] = []
        for w in words {
            if let r = row(of: w) { rows.append(r) } else { unknown.append(w) }
        }
        if unknown.isEmpty { return .success(rows) }
        let scope = limit < matrix.count ? "the \(limit) most frequent words" : "the vocabulary (\(matrix.count) words)"
        let list = unknown.map { "'\($0)'" }.joined(separator: ", ")
        return .failure(QueryError(message: "\(list) \(unknown.count == 1 ? "is" : "are") not in \(scope)"))
    }
}

struct QueryError: Error { var message: String }

/// Reads queries from standard input, one per line, skipping blank lines; flushes the answers after
/// each query so that the commands work interactively (also through pipes).
func forEachStdinLine(_ body: (String) -> Void) {
    while let line = readLine(strippingNewline: true) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty { body(trimmed) }
        fflush(stdout)
    }
}

/// Prints `rank  score  word` lines, best first.
func printRanked(_ neighbors: [Neighbor]) {
    for (i, n) in neighbors.enumerated() {
        print("\(String(i + 1).leftPadded(4))  \(String(format: "%.4f", Double(n.score)))  \(n.word)")
    }
}
