import Corpus

/// One analogy question of a section: a is to b as c is to d.
public struct AnalogyQuestion: Equatable, Sendable {
    public var section: String
    public var a: String, b: String, c: String, d: String

    public init(section: String, a: String, b: String, c: String, d: String) {
        self.section = section
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    /// The example pair (a, b) and the answer pair (c, d).
    public var examplePair: WordPair { WordPair(a, b) }
    public var answerPair: WordPair { WordPair(c, d) }
}

/// A directed word pair of an analogy section (Athens → Greece). Compared case-insensitively, as
/// the evaluation folds case.
public struct WordPair: Hashable, Sendable, CustomStringConvertible {
    public let first: String, second: String
    public init(_ first: String, _ second: String) {
        self.first = first.lowercased()
        self.second = second.lowercased()
    }
    public var description: String { "\(first) \(second)" }
}

/// Which part of a split a pair (or a question) belongs to.
public enum SplitPart: String, CaseIterable, Sendable {
    case train, dev, test
}

/// The analogy questions split so that no held-out answer was ever trained on.
///
/// The Google analogy file is built from word pairs: each question joins two pairs (a, b) and
/// (c, d) of one section. The pairs are split (per section, seeded; 60/20/20 by default) into
/// train, dev and test; then:
/// - the auxiliary task trains on the questions made of two train pairs;
/// - a dev question has its answer pair (c, d) in dev and its example pair (a, b) in train or dev;
/// - a test question has its answer pair in test and its example pair in train or test;
/// - every other question (e.g. an answer in dev with an example in test) is dropped.
/// A pair is assigned once, where it first appears: a pair shared by two sections (a capital in
/// both capital sections) is in the same part in both, so it cannot leak from one to the other.
public struct AnalogySplit: Sendable {
    public var train: [AnalogyQuestion] = []
    public var dev: [AnalogyQuestion] = []
    public var test: [AnalogyQuestion] = []
    /// The part of every pair.
    public var pairParts: [WordPair: SplitPart] = [:]
    /// Questions belonging to no part.
    public var dropped = 0

    public func questions(_ part: SplitPart) -> [AnalogyQuestion] {
        switch part {
        case .train: return train
        case .dev: return dev
        case .test: return test
        }
    }

    public func pairCount(_ part: SplitPart) -> Int { pairParts.values.filter { $0 == part }.count }

    /// Splits `questions` (in file order). `trainFraction + devFraction` must be at most 1; the rest
    /// is test. The same questions, fractions and seed give the same split.
    public static func make(_ questions: [AnalogyQuestion], trainFraction: Double = 0.6,
                            devFraction: Double = 0.2, seed: UInt64) -> AnalogySplit {
        precondition(trainFraction >= 0 && devFraction >= 0 && trainFraction + devFraction <= 1)
        var split = AnalogySplit()
        // Sections and their new pairs in order of first appearance.
        var sectionOrder: [String] = []
        var newPairs: [String: [WordPair]] = [:]
        var seen = Set<WordPair>()
        for q in questions {
            if newPairs[q.section] == nil {
                sectionOrder.append(q.section)
                newPairs[q.section] = []
            }
            for p in [q.examplePair, q.answerPair] where seen.insert(p).inserted {
                newPairs[q.section]!.append(p)
            }
        }
        for (index, section) in sectionOrder.enumerated() {
            var pairs = newPairs[section]!
            var rng = Xoshiro256(seed: seed, stream: UInt64(index) &+ 0x5917)
            if pairs.count > 1 {
                for i in stride(from: pairs.count - 1, to: 0, by: -1) { pairs.swapAt(i, rng.below(i + 1)) }
            }
            let n = pairs.count
            let nTrain = min(n, Int((Double(n) * trainFraction).rounded()))
            let nDev = min(n - nTrain, Int((Double(n) * devFraction).rounded()))
            for (i, p) in pairs.enumerated() {
                split.pairParts[p] = i < nTrain ? .train : (i < nTrain + nDev ? .dev : .test)
            }
        }
        for q in questions {
            let example = split.pairParts[q.examplePair]!, answer = split.pairParts[q.answerPair]!
            switch (example, answer) {
            case (.train, .train): split.train.append(q)
            case (.train, .dev), (.dev, .dev): split.dev.append(q)
            case (.train, .test), (.test, .test): split.test.append(q)
            default: split.dropped += 1
            }
        }
        return split
    }
}

/// A word-similarity pair with its human score.
public struct ScoredPair: Equatable, Sendable {
    public var first: String, second: String
    public var score: Double
    public init(first: String, second: String, score: Double) {
        self.first = first
        self.second = second
        self.score = score
    }
}

/// Similarity pairs split into train (for the auxiliary task) and test (for the Spearman reported).
/// A pair and its reverse, or a repeated pair, land in the same part.
public struct SimilaritySplit: Sendable {
    public var train: [ScoredPair] = []
    public var test: [ScoredPair] = []

    public static func make(_ pairs: [ScoredPair], trainFraction: Double = 0.5, seed: UInt64) -> SimilaritySplit {
        precondition(trainFraction >= 0 && trainFraction <= 1)
        func key(_ p: ScoredPair) -> [String] { [p.first.lowercased(), p.second.lowercased()].sorted() }
        var keys: [[String]] = []
        var seen = Set<[String]>()
        for p in pairs where seen.insert(key(p)).inserted { keys.append(key(p)) }
        var rng = Xoshiro256(seed: seed, stream: 0x51e1)
        if keys.count > 1 {
            for i in stride(from: keys.count - 1, to: 0, by: -1) { keys.swapAt(i, rng.below(i + 1)) }
        }
        let nTrain = min(keys.count, Int((Double(keys.count) * trainFraction).rounded()))
        let trainKeys = Set(keys.prefix(nTrain))
        var split = SimilaritySplit()
        for p in pairs {
            if trainKeys.contains(key(p)) { split.train.append(p) } else { split.test.append(p) }
        }
        return split
    }
}
