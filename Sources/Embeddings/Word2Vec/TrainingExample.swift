import Corpus

/// One training example of the word2vec models: the word at position `centre` of a (sub-sampled)
/// sentence and its context, the positions `lower..<upper` except `centre` (the dynamic window
/// already drawn). What an example *is*, separate from how a model learns from it.
@frozen
public struct TrainingExample {
    public let sentence: UnsafePointer<Int32>
    public let centre: Int
    public let lower: Int
    public let upper: Int

    @inlinable @inline(__always)
    public init(sentence: UnsafePointer<Int32>, centre: Int, lower: Int, upper: Int) {
        self.sentence = sentence
        self.centre = centre
        self.lower = lower
        self.upper = upper
    }

    @inlinable public var centreWord: Int { Int(sentence[centre]) }
    @inlinable public var contextCount: Int { upper - lower - 1 }

    /// The example for `centre` in a sentence of `length` words with a dynamic window: the
    /// effective half-width is uniform in 1...window (word2vec's `b`).
    @inlinable @inline(__always)
    public static func dynamicWindow(sentence: UnsafePointer<Int32>, length: Int, centre: Int,
                                     window: Int, rng: inout Xoshiro256) -> TrainingExample {
        let b = 1 &+ rng.below(window)
        return TrainingExample(sentence: sentence, centre: centre,
                               lower: max(0, centre &- b), upper: min(length, centre &+ b &+ 1))
    }
}
