import ArgumentParser
import EmbedBase
import Evaluation
import Foundation

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a vector file on analogy and word-similarity test sets (same numbers as gensim).",
        discussion: """
        Analogies (Google questions-words.txt format, or a plain 'a b c d' list): per-section, semantic, \
        syntactic and total accuracy over the questions whose four words are among the --restrict-vocab \
        most frequent words (the others are skipped and counted), like gensim's \
        evaluate_word_analogies(restrict_vocab=N, case_insensitive=True). Similarity ('word1 word2 score' \
        lines): Spearman (average ranks for ties) and Pearson correlation of cosines with the human \
        scores, like gensim's evaluate_word_pairs. The JSON output holds, per analogy file, total, \
        semantic, syntactic (accuracies in 0...1, null when no question was answered), seen, questions \
        and sections; per similarity file spearman, pearson, pairs (pairs scored) and oov (the share of \
        pairs with an unknown word, 0...1).
        """)

    @OptionGroup var vectorOptions: VectorOptionGroup

    @Option(name: .customLong("analogies"), help: ArgumentHelp("Analogy question file (repeatable).", valueName: "file"))
    var analogyFiles: [String] = []

    @Option(name: .customLong("similarity"), help: ArgumentHelp("Word-similarity pair file (repeatable).", valueName: "file"))
    var similarityFiles: [String] = []

    @Option(name: .long, help: "Analogies: only the N most frequent words are candidates, and questions with a word outside them are skipped (word2vec's compute-accuracy default). 0 means all words.")
    var restrictVocab: Int = 30_000

    @Option(name: .long, help: "Similarity: pairs with a word outside the N most frequent words are out of vocabulary (gensim's default). 0 means all words.")
    var similarityRestrictVocab: Int = 300_000

    @Option(name: .long, help: "Analogy method: add (3CosAdd) or mul (3CosMul, Levy & Goldberg 2014).")
    var method: AnalogyMethod = .add

    @Option(name: .long, help: "Analogies: memory bound, in MB, of the cosine buffer of one batch of questions (larger batches mean fewer, bigger matrix products).")
    var scoreBufferMb: Int = 64

    @Flag(name: .long, help: "Match words exactly (default: upper-case everything like gensim's case_insensitive=True; the most frequent case variant stands for the word).")
    var caseSensitive = false

    @Flag(name: .customLong("dummy4unknown"), help: "Similarity: score pairs with an unknown word as 0 instead of skipping them (gensim's dummy4unknown).")
    var dummyForUnknown = false

    @Flag(name: .long, help: "Print one JSON object instead of tables.")
    var json = false

    func validate() throws {
        guard !analogyFiles.isEmpty || !similarityFiles.isEmpty else {
            throw ValidationError("give at least one --analogies or --similarity file")
        }
        guard scoreBufferMb >= 1 else { throw ValidationError("--score-buffer-mb must be at least 1") }
        guard restrictVocab >= 0, similarityRestrictVocab >= 0 else {
            throw ValidationError("--restrict-vocab and --similarity-restrict-vocab must be 0 (all) or positive")
        }
    }

    func run() throws {
        try runReportingErrors {
            // Parse the test sets first: a malformed one fails before the (slower) vector load.
            let analogySets = try analogyFiles.map { try AnalogySet.load(path: $0) }
            let similaritySets = try similarityFiles.map { try SimilaritySet.load(path: $0) }
            let matrix = try vectorOptions.load()
            var analogyResults: [AnalogyResult] = []
            for set in analogySets {
                // Timed from the vocabulary on, like gensim's evaluate_word_analogies.
                let clock = WallClock()
                let vocabulary = EvaluationVocabulary(matrix, limit: restrictVocab, caseInsensitive: !caseSensitive)
                analogyResults.append(AnalogyEvaluator.evaluate(set, matrix: matrix, vocabulary: vocabulary, method: method,
                                                                threads: vectorOptions.threads, scoreBufferBytes: scoreBufferMb << 20))
                printErr("\(set.path): \(set.questionCount) questions scored in \(String(format: "%.3f", clock.seconds)) s")
            }
            var similarityResults: [SimilarityResult] = []
            if !similaritySets.isEmpty {
                let vocabulary = EvaluationVocabulary(matrix, limit: similarityRestrictVocab, caseInsensitive: !caseSensitive)
                for set in similaritySets {
                    similarityResults.append(SimilarityEvaluator.evaluate(set, matrix: matrix, vocabulary: vocabulary,
                                                                          dummyForUnknown: dummyForUnknown))
                }
            }
            if json {
                print(try EvaluationReport(vectors: vectorOptions.vectors, matrix: matrix, analogies: analogyResults,
                                           similarities: similarityResults).json())
            } else {
                print(tableReport(matrix: matrix, analogies: analogyResults, similarities: similarityResults), terminator: "")
            }
        }
    }

    // MARK: - output

    func tableReport(matrix: EmbeddingMatrix, analogies: [AnalogyResult], similarities: [SimilarityResult]) -> String {
        var out = "vectors \(vectorOptions.vectors): \(matrix.count) words, dimension \(matrix.dim), \(matrix.format.displayName)\n"
        func percent(_ x: Double?) -> String { x.map { Format.fixed($0 * 100, 2) + "%" } ?? "-" }
        for r in analogies {
            out += "\nanalogies \(r.path) (\(r.method.displayName), \(r.candidates) candidate words, \(caseSensitive ? "case-sensitive" : "case-insensitive"))\n"
            let width = max(24, (r.sections.map { $0.name.count }.max() ?? 0) + 2)
            out += "section".rightPadded(width) + "correct".leftPadded(8) + "seen".leftPadded(8) + "questions".leftPadded(11) + "accuracy".leftPadded(10) + "\n"
            func line(_ name: String, _ c: AnalogyCounts) -> String {
                name.rightPadded(width) + String(c.correct).leftPadded(8) + String(c.seen).leftPadded(8)
                    + String(c.questions).leftPadded(11) + percent(c.accuracy).leftPadded(10) + "\n"
            }
            for s in r.sections { out += line(s.name.isEmpty ? "(no section)" : s.name, s.counts) }
            out += String(repeating: "-", count: width + 37) + "\n"
            if r.semantic.questions > 0 { out += line("semantic", r.semantic) }
            if r.syntactic.questions > 0 { out += line("syntactic", r.syntactic) }
            out += line("total", r.total)
        }
        if !similarities.isEmpty {
            let width = max(12, (similarities.map { $0.path.count }.max() ?? 0) + 2)
            out += "\n" + "similarity".rightPadded(width) + "spearman".leftPadded(10) + "pearson".leftPadded(10)
                + "pairs".leftPadded(10) + "oov".leftPadded(9) + "\n"
            for s in similarities {
                let sp = Format.fixed(s.spearman, 4, missing: "-"), pe = Format.fixed(s.pearson, 4, missing: "-")
                out += s.path.rightPadded(width) + sp.leftPadded(10) + pe.leftPadded(10) + "\(s.scored)/\(s.total)".leftPadded(10)
                    + percent(s.oovRatio).leftPadded(9) + "\n"
            }
        }
        return out
    }
}
