/// Settings of a GloVe run. Defaults are the reference's (stanfordnlp/GloVe) except the window,
/// 10 as in its demo, and the epochs, 15.
public struct GloVeOptions: Sendable {
    public enum OutputVectors: String, Sendable, CaseIterable {
        /// W + W~ (the reference's `-model 2`).
        case sum
        /// W alone (the reference's `-model 1`).
        case word
    }

    public var dim = 100
    /// Symmetric context window; pairs at distance d count 1/d.
    public var window = 10
    public var epochs = 15
    /// AdaGrad's initial learning rate (the reference's `-eta`).
    public var learningRate: Float = 0.05
    /// Cut-off of the weighting function f(x) = min(1, (x / xMax)^alpha).
    public var xMax: Double = 100
    /// Exponent of the weighting function.
    public var alpha: Double = 0.75
    /// Clip of the weighted error f(X) diff before the update (the reference's newer versions clip
    /// each gradient coordinate at 100; vectors stay well below 1 in magnitude, so this bounds them too).
    public var gradientClip: Float = 100
    public var threads = 1
    public var seed: UInt64 = 1
    /// Memory budget of co-occurrence counting and shuffling, in bytes.
    public var memoryBytes = 2 << 30
    public var temporaryDirectory = TemporaryFile.defaultDirectory()
    public var output = OutputVectors.sum

    public init() {}

    public func validate() throws {
        func bad(_ message: String) -> GloVeError { .invalidOption(message) }
        if dim < 1 { throw bad("--dim must be at least 1 (got \(dim))") }
        if dim > 10_000 { throw bad("--dim must be at most 10000 (got \(dim))") }
        if window < 1 { throw bad("--window must be at least 1 for GloVe (got \(window)): pairs at distance 1 to window are counted") }
        if epochs < 1 { throw bad("--epochs must be at least 1 (got \(epochs))") }
        if !(learningRate > 0) || !learningRate.isFinite { throw bad("--alpha (the learning rate) must be positive (got \(learningRate))") }
        if !(xMax > 0) || !xMax.isFinite { throw bad("--x-max must be positive (got \(xMax))") }
        if !(alpha > 0) || !alpha.isFinite { throw bad("--glove-alpha (the weighting exponent) must be positive (got \(alpha))") }
        if threads < 1 { throw bad("--threads must be at least 1 (got \(threads))") }
        if memoryBytes <= 0 { throw bad("--memory must be positive") }
    }
}
