import EmbedBase
import ArgumentParser
import Corpus

/// Options shared by every command that reads a corpus.
struct CorpusOptionGroup: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Corpus: plain text or gzip (detected from the bytes), one sentence per line. Repeat it for several files, give a directory (its files, sorted by name, plain or gzip shards), or - for standard input (read once).", valueName: "file|dir|-"))
    var input: [String] = []

    @Option(name: .long, help: "Drop words occurring fewer times than this.")
    var minCount: Int = 5

    @Option(name: .long, help: "Keep at most this many words, the most frequent (default: no limit).")
    var maxVocab: Int?

    @Option(name: .long, help: "Prune the rarest words while counting when more distinct words than this are held (bounds memory on huge corpora).")
    var maxDistinct: Int = 20_000_000

    func corpusOptions() -> CorpusOptions {
        var o = CorpusOptions()
        o.minCount = minCount
        o.maxVocab = maxVocab
        o.maxDistinctWhileCounting = maxDistinct
        return o
    }

    /// The `--input` files, directories and standard input, expanded and checked.
    func sources() throws -> [CorpusSource] { try CorpusSource.resolve(input) }

    /// The inputs for messages.
    var inputDescription: String { input.joined(separator: ", ") }

    func validate() throws {
        if input.isEmpty { throw ValidationError("Missing expected argument '--input <file|dir|->'") }
        do { try corpusOptions().validate() } catch let e as CorpusError { throw ValidationError(e.description) }
    }
}

struct VocabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocab",
        abstract: "Count the words of a corpus and write its vocabulary.",
        discussion: "Prints the vocabulary size and token count; with --output writes one 'word count' line per word, most frequent first.")

    @OptionGroup var corpus: CorpusOptionGroup

    @Option(name: .long, help: ArgumentHelp("Write the vocabulary here ('word count' lines).", valueName: "file"))
    var output: String?

    func run() throws {
        try runReportingErrors {
            try DistributedRun.refuseSeveralProcesses("`vocab`")
            let clock = WallClock()
            let built = try CorpusBuilder.build(sources: try corpus.sources(), options: corpus.corpusOptions())
            let v = built.vocabulary
            print("vocabulary: \(v.size) words, \(v.trainTokens) tokens")
            printErr("read \(built.statistics.corpusTokens) tokens (\(built.statistics.distinctWords) distinct) in \(String(format: "%.2f", clock.seconds)) s")
            if let output { try v.save(to: output) }
        }
    }
}
