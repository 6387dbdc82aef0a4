import Corpus
import Embeddings
import Evaluation

/// The benchmark files of an experiment, split once (seeded) and written to `splits/` so anyone can
/// re-evaluate: the auxiliary tasks train on the train parts, dev picks the convergence epoch,
/// and only the test parts are reported.
public struct ExperimentData {
    public var analogySplit: AnalogySplit
    public var similaritySplit: SimilaritySplit
    public var similarityRange: ClosedRange<Double>
    public var devAnalogies: AnalogySet
    public var testAnalogies: AnalogySet
    public var testSimilarity: SimilaritySet
    public var analogyPath: String
    public var similarityPath: String
    public var splitPaths: [String]
    /// Knowledge mode: a second similarity file scored on its whole (e.g. SimLex-999).
    public var extraSimilarity: SimilaritySet? = nil
    /// Knowledge mode: more files whose pairs are removed from the knowledge data (not scored).
    public var excludedFiles: [String] = []

    public struct SplitOptions: Sendable {
        public var seed: UInt64 = 1
        public var trainFraction = 0.6
        public var devFraction = 0.2
        public var similarityTrainFraction = 0.5
        public init() {}
    }

    /// The questions of an analogy file, in file order.
    public static func questions(_ set: AnalogySet) -> [AnalogyQuestion] {
        set.sections.flatMap { section in
            section.questions.map {
                AnalogyQuestion(section: section.name, a: String(decoding: $0.a, as: UTF8.self), b: String(decoding: $0.b, as: UTF8.self),
                                c: String(decoding: $0.c, as: UTF8.self), d: String(decoding: $0.d, as: UTF8.self))
            }
        }
    }

    public static func pairs(_ set: SimilaritySet) -> [ScoredPair] {
        set.pairs.map { ScoredPair(first: String(decoding: $0.first, as: UTF8.self), second: String(decoding: $0.second, as: UTF8.self), score: $0.score) }
    }

    /// Reads and splits both files, writes the splits into `splitDirectory` and reads the held-out
    /// parts back through the evaluation parsers. A held-out part that comes out empty is an error
    /// naming the file.
    public static func prepare(analogies: String, similarity: String, splitDirectory: String,
                               options: SplitOptions = SplitOptions()) throws -> ExperimentData {
        let analogySet = try AnalogySet.load(path: analogies)
        let similaritySet = try SimilaritySet.load(path: similarity)
        let questions = questions(analogySet)
        let analogySplit = AnalogySplit.make(questions, trainFraction: options.trainFraction, devFraction: options.devFraction,
                                             seed: options.seed)
        for part in SplitPart.allCases where analogySplit.questions(part).isEmpty {
            throw MT2STError.badAuxiliaryData(path: analogies,
                reason: "the \(part.rawValue) split has no questions (\(questions.count) questions, \(analogySplit.pairParts.count) word pairs): use a larger analogy file")
        }
        let pairs = pairs(similaritySet)
        let similaritySplit = SimilaritySplit.make(pairs, trainFraction: options.similarityTrainFraction, seed: options.seed)
        if similaritySplit.train.isEmpty || similaritySplit.test.count < 2 {
            throw MT2STError.badAuxiliaryData(path: similarity,
                reason: "\(pairs.count) pairs split into \(similaritySplit.train.count) train and \(similaritySplit.test.count) test: at least 1 and 2 are needed")
        }
        let written = try SplitFiles.write(analogies: analogySplit, similarity: similaritySplit, into: splitDirectory)
        return ExperimentData(
            analogySplit: analogySplit, similaritySplit: similaritySplit, similarityRange: AuxiliaryData.scoreRange(pairs),
            devAnalogies: try AnalogySet.load(path: splitDirectory + "/analogies-dev.txt"),
            testAnalogies: try AnalogySet.load(path: splitDirectory + "/analogies-test.txt"),
            testSimilarity: try SimilaritySet.load(path: splitDirectory + "/similarity-test.tsv"),
            analogyPath: analogies, similarityPath: similarity, splitPaths: written)
    }
}
