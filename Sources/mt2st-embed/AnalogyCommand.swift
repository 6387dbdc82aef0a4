import EmbedBase
import ArgumentParser
import Evaluation
import Foundation

struct AnalogyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analogy",
        abstract: "Answer 'A is to B as C is to ?' (the words closest to B - A + C).",
        discussion: """
        Give A B C as arguments, or nothing to read queries 'A B C' from standard input, one per line \
        (works interactively). A, B and C are excluded from the answers. Words are looked up exactly, \
        then case-insensitively. An unknown word or a malformed query prints a message on stderr; \
        the exit status is then 1.
        """)

    @OptionGroup var vectorOptions: VectorOptionGroup

    @OptionGroup var queryOptions: QueryOptionGroup

    @Option(name: .long, help: "add: 3CosAdd (cosine with B - A + C); mul: 3CosMul (Levy & Goldberg 2014).")
    var method: AnalogyMethod = .add

    @Argument(help: "A B C (default: read 'A B C' lines from standard input).")
    var words: [String] = []

    func validate() throws {
        guard words.isEmpty || words.count == 3 else { throw ValidationError("give exactly three words A B C, or none to read them from standard input") }
    }

    func run() throws {
        var failed = false
        try runReportingErrors {
            let matrix = try vectorOptions.load()
            var lookup = QueryLookup(matrix: matrix, limit: queryOptions.restrictVocab)
            let query = { (triple: [String]) in
                guard triple.count == 3 else {
                    printErr("mt2st-embed: expected three words 'A B C', got \(triple.count)")
                    failed = true
                    return
                }
                switch lookup.rows(of: triple) {
                case .failure(let e):
                    printErr("mt2st-embed: \(e.message)")
                    failed = true
                case .success(let r):
                    let names = r.map { matrix.words.word($0) }
                    print("\(names[0]) is to \(names[1]) as \(names[2]) is to:")
                    let answers = Neighbors.analogy(matrix, a: r[0], b: r[1], c: r[2], k: queryOptions.top, limit: queryOptions.restrictVocab, method: method)
                    printRanked(answers)
                }
            }
            if words.isEmpty {
                forEachStdinLine { line in query(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)) }
            } else {
                query(words)
            }
        }
        if failed { throw ExitCode(1) }
    }
}
