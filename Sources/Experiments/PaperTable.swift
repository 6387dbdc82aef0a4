import Embeddings

/// The MT2ST paper's Table 1 (Liu & Yu, arXiv 2406.18038), printed beside our measurements.
public struct PaperFigures: Equatable, Sendable {
    public var accuracy: Double, seconds: Double, compression: Double, epochs: Double, semantic: Double, syntactic: Double

    /// Our model names (`skipgram`, `cbow`, `fasttext`, `glove`, ...) → the row label (the
    /// registry's, which is the paper's for its four models).
    public static func modelLabel(_ model: String) -> String {
        ModelKind(rawValue: model)?.label ?? model
    }

    /// The paper's figures for a model and strategy label (STL, MTL, MT2ST-D, MT2ST-S); nil where
    /// the paper has none (e.g. the adaptive switch).
    public static func lookup(model: String, strategy: String) -> PaperFigures? {
        table[modelLabel(model) + "/" + strategy]
    }

    static let table: [String: PaperFigures] = {
        let rows: [(String, String, [Double])] = [
            ("CBOW", "STL", [68.0, 108.0, 0.0, 25, 65.0, 60.2]),
            ("CBOW", "MTL", [68.0, 60.0, 21.0, 22, 68.3, 61.7]),
            ("CBOW", "MT2ST-D", [71.0, 72.0, 44.0, 18, 72.4, 66.5]),
            ("CBOW", "MT2ST-S", [77.0, 64.8, 53.0, 16, 76.1, 70.2]),
            ("Skip-Gram", "STL", [67.0, 110.0, 0.0, 25, 64.2, 59.7]),
            ("Skip-Gram", "MTL", [67.0, 63.2, 20.1, 22, 67.8, 61.3]),
            ("Skip-Gram", "MT2ST-D", [74.0, 69.5, 47.2, 18, 73.6, 68.0]),
            ("Skip-Gram", "MT2ST-S", [78.0, 65.1, 56.1, 15, 77.0, 71.3]),
            ("FastText", "STL", [70.0, 107.4, 0.0, 25, 66.0, 63.5]),
            ("FastText", "MTL", [70.0, 62.1, 22.6, 22, 70.3, 66.1]),
            ("FastText", "MT2ST-D", [76.0, 70.2, 46.4, 18, 75.1, 69.7]),
            ("FastText", "MT2ST-S", [79.0, 65.5, 52.9, 16, 78.0, 72.4]),
            ("GloVe", "STL", [66.0, 106.8, 0.0, 25, 62.0, 58.7]),
            ("GloVe", "MTL", [66.0, 59.9, 23.1, 22, 67.4, 61.0]),
            ("GloVe", "MT2ST-D", [72.0, 70.0, 43.0, 19, 71.3, 67.0]),
            ("GloVe", "MT2ST-S", [75.0, 64.0, 51.2, 16, 74.0, 69.2]),
        ]
        var t: [String: PaperFigures] = [:]
        for (model, strategy, v) in rows {
            t[model + "/" + strategy] = PaperFigures(accuracy: v[0], seconds: v[1], compression: v[2], epochs: v[3],
                                                     semantic: v[4], syntactic: v[5])
        }
        return t
    }()
}
