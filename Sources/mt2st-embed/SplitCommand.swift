import EmbedBase
import ArgumentParser
import Corpus
import Evaluation
import Experiments
import Foundation

struct SplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split analogy and similarity benchmarks into train/dev/test files for MT2ST.",
        discussion: """
        The analogy file's word pairs are split per section (seeded): the train file holds the \
        questions made of two train pairs (for `train --aux-analogies`), the dev and test files the \
        questions whose answer pair is in dev or test and whose example pair is not in the other held-out \
        part, so no held-out answer pair is ever trained on. Similarity pairs are split into train and \
        test. Writes analogies-{train,dev,test}.txt and similarity-{train,test}.tsv into --output; \
        `evaluate` reads them.
        """)

    @Option(name: .long, help: ArgumentHelp("Analogy questions (questions-words.txt format).", valueName: "file"))
    var analogies: String?

    @Option(name: .long, help: ArgumentHelp("Word-similarity pairs ('word1 word2 score').", valueName: "file"))
    var similarity: String?

    @Option(name: .long, help: ArgumentHelp("Directory for the split files (created if missing).", valueName: "dir"))
    var output: String

    @Option(name: .long, help: "Seed of the split.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Fraction of the analogy word pairs in train.")
    var trainFraction: Double = 0.6

    @Option(name: .long, help: "Fraction of the analogy word pairs in dev (test gets the rest).")
    var devFraction: Double = 0.2

    @Option(name: .long, help: "Fraction of the similarity pairs in train (test gets the rest).")
    var similarityTrainFraction: Double = 0.5

    func validate() throws {
        if analogies == nil && similarity == nil { throw ValidationError("give --analogies and/or --similarity") }
        for (name, f) in [("--train-fraction", trainFraction), ("--dev-fraction", devFraction), ("--similarity-train-fraction", similarityTrainFraction)]
            where !(f >= 0 && f <= 1) {
            throw ValidationError("\(name) must be between 0 and 1 (got \(f))")
        }
        if trainFraction + devFraction > 1 { throw ValidationError("--train-fraction + --dev-fraction must be at most 1") }
    }

    func run() throws {
        try runReportingErrors {
            try outputPlan.check()
            let analogySplit = try analogies.map { path in
                AnalogySplit.make(ExperimentData.questions(try AnalogySet.load(path: path)), trainFraction: trainFraction,
                                  devFraction: devFraction, seed: seed)
            }
            let similaritySplit = try similarity.map { path in
                SimilaritySplit.make(ExperimentData.pairs(try SimilaritySet.load(path: path)), trainFraction: similarityTrainFraction, seed: seed)
            }
            let created = try OutputPath.createDirectory(output)
            do {  // all the split files or none
                try OutputTransaction.run { try SplitFiles.write(analogies: analogySplit, similarity: similaritySplit, into: output) }
            } catch {
                if created { try? FileManager.default.removeItem(atPath: output) }
                throw error
            }
            if let s = analogySplit {
                print("analogies: \(s.pairCount(.train))/\(s.pairCount(.dev))/\(s.pairCount(.test)) word pairs; "
                      + "\(s.train.count) train, \(s.dev.count) dev, \(s.test.count) test questions (\(s.dropped) dropped: dev and test pairs mixed)")
            }
            if let s = similaritySplit { print("similarity: \(s.train.count) train, \(s.test.count) test pairs") }
        }
    }
}
