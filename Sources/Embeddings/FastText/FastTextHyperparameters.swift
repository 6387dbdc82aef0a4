import Corpus

/// The hyper-parameters of a FastText run, as stored in a model file (`FastTextModelFile`): what
/// is needed to rebuild word vectors from the file (`dim`, the subword options) and what tells a
/// reader how the model was trained.
public struct FastTextHyperparameters: Equatable, Sendable {
    /// CBOW (true) or Skip-Gram (false).
    public var cbow = false
    public var dim = 100
    public var window = 5
    public var negatives = 5
    public var epochs = 5
    public var minCount = 5
    public var sample = 1e-3
    public var alpha: Float = 0.025
    public var minAlpha: Float = 0.025e-4
    public var seed: UInt64 = 1
    public var subwords = SubwordOptions()

    public init() {}

    public var architectureName: String { cbow ? "cbow" : "skipgram" }
}
