import EmbedBase
import ArgumentParser
import Corpus
import Foundation

extension PhraseScoring: ExpressibleByArgument {}

struct PhrasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phrases",
        abstract: "Join frequent bigrams into phrases (new_york), like word2vec's word2phrase or gensim's Phrases.",
        discussion: """
        Each pass counts the words and the bigrams within lines, then rewrites the text left to right, \
        joining two tokens with --delimiter when their bigram scores above --threshold (a joined token \
        is not joined again in the same pass; the next pass can join it into a longer phrase). Scores: \
        word2phrase (count(ab) − min-count) / (count(a) · count(b)) · N, N the number of tokens, both words \
        occurring at least --min-count times; or npmi, gensim's normalised PMI \
        ln(p(ab) / (p(a) p(b))) / −ln p(ab) in [−1, 1], the bigram occurring at least --min-count times. \
        Lines are kept, tokens are separated by one space. The output is gzip when its name ends in .gz, \
        plain otherwise, and is written only when every pass succeeded. Counting keeps at most \
        --max-words words and --max-bigrams bigrams (all threads together); beyond, the rarest are pruned \
        as word2vec prunes its vocabulary, so counts of rare bigrams are lower bounds.
        """)

    @Option(name: .long, help: ArgumentHelp("Corpus: plain text or gzip (detected from the bytes), one sentence per line.", valueName: "file"))
    var input: String

    @Option(name: .long, help: ArgumentHelp("Write the text with phrases joined here (gzip when the name ends in .gz).", valueName: "file"))
    var output: String

    @Option(name: .long, help: "How a bigram is scored (formulas above).")
    var scoring: PhraseScoring = .word2phrase

    @Option(name: .long, help: "word2phrase: words occurring fewer times never join; npmi: bigrams occurring fewer times never join.")
    var minCount: Int = 5

    @Option(name: .long, help: "A bigram scoring above this is joined (default: 100 for word2phrase, 0.5 for npmi).")
    var threshold: Double?

    @Option(name: .long, help: "Passes over the text (phrases of up to 2^passes words).")
    var passes: Int = 2

    @Option(name: .long, help: "Joins the parts of a phrase.")
    var delimiter: String = "_"

    @Option(name: .long, help: ArgumentHelp("Also write the phrase table here: 'phrase<TAB>score<TAB>count<TAB>pass' lines, each pass's bigrams scoring above the threshold, best first (gzip when the name ends in .gz).", valueName: "file"))
    var savePhrases: String?

    @Option(name: .long, help: "Worker threads (default: the number of cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Prune the rarest words while counting beyond this many distinct words.")
    var maxWords: Int = 10_000_000

    @Option(name: .long, help: "Prune the rarest bigrams while counting beyond this many distinct bigrams (about 32 bytes each).")
    var maxBigrams: Int = 10_000_000

    @Flag(name: .long, help: "No per-pass lines on stderr.")
    var quiet = false

    var options: PhraseOptions {
        var o = PhraseOptions()
        o.scoring = scoring
        o.minCount = minCount
        o.threshold = threshold
        o.passes = passes
        o.delimiter = delimiter
        o.threads = threads
        o.maxWords = maxWords
        o.maxBigrams = maxBigrams
        return o
    }

    func validate() throws {
        do { try options.validate() } catch let e as CorpusError { throw ValidationError(e.description) }
        let same = { (a: String, b: String) in URL(fileURLWithPath: a).standardized.path == URL(fileURLWithPath: b).standardized.path }
        if same(input, output) { throw ValidationError("--output must not be the --input file") }
        if let savePhrases, same(savePhrases, output) || same(savePhrases, input) {
            throw ValidationError("--save-phrases must differ from --input and --output")
        }
    }

    func run() throws {
        try runReportingErrors {
            let clock = WallClock()
            try OutputPath.checkWritable(output)
            if let savePhrases { try OutputPath.checkWritable(savePhrases) }
            let passes = try PhraseDetector.run(input: input, output: output, options: options, phraseTable: savePhrases) { line in
                if !quiet { printErr(line) }
            }
            let joined = passes.reduce(Int64(0)) { $0 + $1.joined }
            printErr("wrote \(output): \(joined) phrase occurrences joined in \(passes.count) pass\(passes.count == 1 ? "" : "es"), "
                     + "\(Format.seconds(clock.seconds)) total" + (savePhrases.map { "; phrase table \($0)" } ?? ""))
        }
    }
}
