import EmbedBase
import ArgumentParser
import Embeddings
import Foundation

struct VectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vector",
        abstract: "Print the vectors of words from a FastText model (fastText .bin or ours), also for words outside its vocabulary.",
        discussion: """
        Give the words as arguments, or none to read them from standard input, one per line. Each \
        vector is printed as one line 'word v1 ... vD' on stdout (fastText's print-word-vectors \
        format), each value the shortest decimal that reads back as the same float32. A \
        vocabulary word's vector is the mean of its own row and its character n-gram rows; an \
        unknown word's vector is the mean of its n-gram rows (a note on stderr says so), a bucket \
        no vocabulary word uses counting as a zero row: the vectors fastText's print-word-vectors \
        and gensim compute from the same .bin. A word that is unknown and has no trained n-gram \
        in the model (subwords off, too short, or only n-grams no vocabulary word has) gets a \
        message on stderr instead of a vector, and the exit status is then 1.
        """)

    @Option(name: .long, help: ArgumentHelp("Model file: a fastText .bin (from fastText, gensim or 'train --model fasttext --save-model') or our own format ('--model-format mt2st').", valueName: "file"))
    var model: String

    @Flag(name: .long, help: "No notes on stderr for words built from n-grams only.")
    var quiet = false

    @Argument(help: "Words (default: read one per line from standard input).")
    var words: [String] = []

    func run() throws {
        var failed = false
        try runReportingErrors {
            let loaded = try FastTextModelFile.read(path: model)
            let query = { (word: String) in
                switch loaded.lookup(word) {
                case .failure(let e):
                    printErr("mt2st-embed: \(e.message)")
                    failed = true
                case .success(let v):
                    if !v.inVocabulary && !quiet {
                        let missing = v.allNgrams > v.ngrams ? " (\(v.allNgrams - v.ngrams) more never seen in training)" : ""
                        printErr("'\(word)' is not in the vocabulary: vector from \(v.ngrams) character n-gram\(v.ngrams == 1 ? "" : "s")\(missing)")
                    }
                    var line = word
                    for x in v.values { line += " \(x)" }
                    print(line)
                }
            }
            if words.isEmpty {
                while let line = readLine(strippingNewline: true) {
                    let w = line.trimmingCharacters(in: .whitespaces)
                    if !w.isEmpty { query(w) }
                }
            } else {
                words.forEach(query)
            }
        }
        if failed { throw ExitCode(1) }
    }
}

struct UnknownWord: Error { var message: String }

extension FastTextModel {
    /// `word`'s vector, or the message explaining why it has none.
    func lookup(_ word: String) -> Result<WordVector, UnknownWord> {
        if let v = vector(of: word) { return .success(v) }
        let ngrams = inputRows(of: word).ngrams
        let why = !subwords.enabled ? "the model was trained without subwords (--maxn 0)"
            : ngrams == 0 ? "it has no character n-gram of \(subwords.minn)...\(subwords.maxn) characters"
            : "none of its \(ngrams) character n-grams occurs in a vocabulary word (their rows are zero)"
        return .failure(UnknownWord(message: "'\(word)' is not in the vocabulary (\(vocabulary.size) words) and has no vector: \(why)"))
    }
}
