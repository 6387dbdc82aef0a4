/// word2vec's sub-sampling of frequent words: a token of word w is kept with probability
/// `(sqrt(f / (s * T)) + 1) * (s * T) / f` (f = count of w, T = tokens in the vocabulary,
/// s = `sample`), capped at 1. `sample == 0` keeps everything.
///
/// Probabilities are stored as 32-bit thresholds, so a keep decision is one compare against the
/// high half of a random draw.
public struct SubSampler {
    public let sample: Double
    public let thresholds: [UInt32]

    public init(vocabulary: Vocabulary, sample: Double) {
        self.sample = sample
        let total = Double(vocabulary.trainTokens)
        thresholds = vocabulary.counts.map { c in
            guard sample > 0, c > 0 else { return UInt32.max }
            let f = Double(c)
            let keep = (((f / (sample * total)).squareRoot() + 1) * (sample * total) / f)
            return keep >= 1 ? UInt32.max : UInt32(keep * 4_294_967_296.0)
        }
    }

    /// Probability that a token of `id` is kept.
    public func keepProbability(_ id: Int) -> Double {
        thresholds[id] == .max ? 1 : Double(thresholds[id]) / 4_294_967_296.0
    }

    /// Expected number of tokens kept per pass over a corpus with the vocabulary's counts.
    public func expectedKeptTokens(counts: [Int64]) -> Double {
        var sum = 0.0
        for (id, c) in counts.enumerated() { sum += Double(c) * keepProbability(id) }
        return sum
    }
}
