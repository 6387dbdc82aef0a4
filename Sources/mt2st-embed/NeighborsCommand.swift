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

    @Option(name: [.customShort("k"), .long], help: "How many neighbours to print.")
    var top: Int = 10

    @Option(name: .long, help: "Search only the first N words (the most frequent); 0 means all.")
    var restrictVocab: Int = 0

    @Argument(help: "Words to query (default: read one per line from standard input).")
    var words: [String] = []

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        guard restrictVocab >= 0 else { throw ValidationError("--restrict-vocab must be 0 (all) or positive") }
    }

    func run() throws {
        var failed = false
        try runReportingErrors {
            let matrix = try vectorOptions.load()
            var lookup = QueryLookup(matrix: matrix, limit: restrictVocab)
            let query = { (word: String) in
                switch lookup.rows(of: [word]) {
                case .failure(let e):
                    printErr("mt2st-embed: \(e.message)")
                    failed = true
                case .success(let rows):
                    print("neighbors of \(matrix.words.word(rows[0])):")
                    for (i, n) in Neighbors.nearest(matrix, row: rows[0], k: top, limit: restrictVocab).enumerated() {
                        print("\(String(i + 1).leftPadded(4))  \(formatScore(n.score))  \(n.word)")
                    }
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
