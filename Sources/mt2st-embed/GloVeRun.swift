import Corpus
import Embeddings
import Experiments
import Foundation

/// `train --model glove`: read the corpus, count co-occurrences within the memory budget,
/// shuffle, train, write — the reference's four programs and their files in one command.
/// Progress (one line per step and per epoch, with the cost) and the stage times go to stderr.
extension TrainCommand {
    func gloveOptions() throws -> GloVeOptions {
        var o = training.gloveOptions(defaultEpochs: 15)
        o.seed = seed
        try glove.apply(to: &o)
        try o.validate()
        return o
    }

    func runGloVe() throws {
        let clock = WallClock()
        let options = try gloveOptions()
        let parameters = scheduleOptions.parameters(kind: schedule, defaultSignal: .primaryLoss)
        try auxiliaryCheck(parameters, epochs: options.epochs)
        try outputPlan.check()
        try OutputPath.checkWritable(output)
        if let saveVocab { try OutputPath.checkWritable(saveVocab) }
        var times = GloVeStageTimes()
        let log: (String) -> Void = { if !quiet { printErr($0) } }

        let vocabulary: Vocabulary
        let records: ShuffledRecords
        let corpusTokens: Int
        do {
            let fixed = try readVocab.map {
                try Vocabulary.load(from: $0, minCount: corpus.minCount, maxVocab: corpus.maxVocab)
            }
            let built = try CorpusBuilder.build(path: corpus.input, options: corpus.corpusOptions(), vocabulary: fixed)
            vocabulary = built.vocabulary
            corpusTokens = built.encoded.tokenCount
            log("vocabulary: \(vocabulary.size) words, \(built.encoded.tokenCount) training tokens "
                + "(read \(built.statistics.corpusTokens) tokens in \(Format.seconds(clock.seconds)))")
            log("glove: dim \(options.dim) window \(options.window) epochs \(options.epochs) alpha \(options.learningRate) "
                + "x-max \(options.xMax) glove-alpha \(options.alpha) threads \(options.threads) memory \(Format.bytes(options.memoryBytes))")
            // The encoded corpus is released once the records exist.
            records = try GloVePipeline.prepareRecords(corpus: built.encoded, vocabularySize: vocabulary.size,
                                                       options: options, times: &times, log: log)
        }
        if let peak = GloVeRunSupport.peakResidentMiB() { log("peak RSS after co-occurrence stage: \(peak) MiB") }
        let readSeconds = clock.seconds - times.counting - times.shuffling
        let trainingStart = clock.seconds
        let trainer = try GloVePipeline.train(records: records, vocabularySize: vocabulary.size, options: options,
                                              times: &times, log: log, prepare: { trainer in
            let vectors = EvaluatedVectors(table: trainer.table.handle, words: vocabulary.size,
                                           composition: options.output == .sum ? .inputPlusOutput : .inputRow)
            if let training = try auxiliaryTraining(parameters, vectors: vectors, vocabulary: vocabulary, threads: options.threads) {
                trainer.interleaved = AuxiliaryGloVeTask(training: training, records: records.count, corpusTokens: corpusTokens)
                trainer.observers.append(AuxiliaryEpochReporter(training: training) { printErr($0) })
            }
        }) { r in
            let eta = Double(r.epochs - r.epoch) * (clock.seconds - trainingStart) / Double(r.epoch)
            log(String(format: "epoch %d/%d: cost %.6f, %.1f s, ETA %@", r.epoch, r.epochs, r.cost, r.seconds,
                       Format.seconds(eta)))
        }
        try OutputTransaction.run {
            try Word2VecWriter.write(table: trainer.table, vocabulary: vocabulary, to: output, binary: binary)
            if let saveVocab { try vocabulary.save(to: saveVocab) }
        }
        printErr(String(format: "glove: corpus %.1f s, counting %.1f s, shuffle %.1f s, training %.1f s, total %.1f s; ",
                        readSeconds, times.counting, times.shuffling, times.training, clock.seconds)
                 + "wrote \(output) (\(vocabulary.size) x \(options.dim), \(options.output == .sum ? "W + W~" : "W"), "
                 + "\(binary ? "binary" : "text"))")
    }
}

enum GloVeRunSupport {
    /// VmHWM from /proc/self/status (Linux), in MiB.
    static func peakResidentMiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 / 1024 }
        }
        return nil
    }
}
