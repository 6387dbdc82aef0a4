import ArgumentParser
import Evaluation
import Foundation

struct NeighborsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbors",
        abstract: "Print the nearest neighbours (by cosine) of words.",
        discussion: """
        Give the words as arguments, or none to read them from standard input, one per line (works \
        interactively). Words are looked up exactly, then case-insensitively (most frequent variant). \
        An unknown word prints a message on stderr; the exit status is then 1.
        """)

    @OptionGroup var vectorOptions: VectorOptionGroup

    @OptionGroup var queryOptions: QueryOptionGroup

    @Argument(help: "Words to query (default: read one per line from standard input).")
    var words: [String] = []

    func run() throws {
        var failed = false
        try runReportingErrors {
            let matrix = try vectorOptions.load()
            var lookup = QueryLookup(matrix: matrix, limit: queryOptions.restrictVocab)
            let query = { (word: String) in
                switch lookup.rows(of: [word]) {
                case .failure(let e):
                    printErr("mt2st-embed: \(e.message)")
                    failed = true
                case .success(let rows):
                    print("neighbors of \(matrix.words.word(rows[0])):")
                    printRanked(Neighbors.nearest(matrix, row: rows[0], k: queryOptions.top, limit: queryOptions.restrictVocab))
                }
            }
            if words.isEmpty { forEachStdinLine(query) } else { words.forEach(query) }
        }
        if failed { throw ExitCode(1) }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
    func rightPadded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
