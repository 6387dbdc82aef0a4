import Corpus
import Embeddings
import Foundation

/// Runs GloVe from a corpus to a vectors file: read the corpus, count co-occurrences, shuffle,
/// train, write. Progress and stage times go to stderr.
enum GloVeRun {
    /// VmHWM from /proc/self/status (Linux), in MiB.
    static func peakResidentMiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first
            return kb.map { $0 / 1024 }
        }
        return nil
    }

    static func run(corpus: CorpusOptionGroup, options: GloVeOptions, output: String, binary: Bool, quiet: Bool) throws {
        let clock = WallClock()
        try options.validate()
        try GloVeVectorsWriter.checkWritable(output)
        var times = GloVeStageTimes()
        let log: (String) -> Void = { if !quiet { printErr($0) } }

        let vocabulary: Vocabulary
        let records: ShuffledRecords
        do {
            let built = try CorpusBuilder.build(path: corpus.input, options: corpus.corpusOptions())
            vocabulary = built.vocabulary
            log("vocabulary: \(vocabulary.size) words, \(built.encoded.tokenCount) training tokens "
                + "(read \(built.statistics.corpusTokens) tokens in \(String(format: "%.1f", clock.seconds)) s)")
            // The corpus is released once the records exist.
            records = try GloVePipeline.prepareRecords(corpus: built.encoded, vocabularySize: vocabulary.size,
                                                       options: options, times: &times, log: log)
        }
        if let peak = peakResidentMiB() { log("peak RSS after co-occurrence stage: \(peak) MiB") }
        let readSeconds = clock.seconds - times.counting - times.shuffling
        let trainer = try GloVePipeline.train(records: records, vocabularySize: vocabulary.size, options: options,
                                              times: &times, log: log) { r in
            log(String(format: "epoch %d/%d: cost %.6f, %.1f s", r.epoch, r.epochs, r.cost, r.seconds))
        }
        try GloVeVectorsWriter.write(table: trainer.table, vocabulary: vocabulary, to: output, binary: binary)
        printErr(String(format: "glove: corpus %.1f s, counting %.1f s, shuffle %.1f s, training %.1f s, total %.1f s; wrote %@ (%d x %d, %@)",
                        readSeconds, times.counting, times.shuffling, times.training, clock.seconds, output,
                        vocabulary.size, options.dim, options.output == .sum ? "W + W~" : "W"))
    }
}
