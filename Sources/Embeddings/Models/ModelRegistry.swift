/// Every model the suite trains, in the order `--help` and the README list them. `train`,
/// `experiment`, their help texts and the README's model table all read this list: a new model
/// is one `ModelDefinition` type plus one line here.
public enum ModelRegistry {
    public static let definitions: [any ModelDefinition.Type] = [
        SkipGramDefinition.self,
        CBOWDefinition.self,
        FastTextDefinition.self,
        GloVeDefinition.self,
        FastTextCBOWDefinition.self,
        StructuredSkipGramDefinition.self,
    ]
}

/// A model of the registry by name (`--model skipgram`); `allCases` is the registry.
public struct ModelKind: RawRepresentable, Hashable, CaseIterable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// The registered model called `rawValue`, if any.
    public init?(rawValue: String) {
        guard ModelRegistry.definitions.contains(where: { $0.name == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    public static var allCases: [ModelKind] { ModelRegistry.definitions.map { ModelKind(rawValue: $0.name)! } }

    /// The models `experiment` runs by default (the MT2ST paper's four).
    public static var experimentDefaults: [ModelKind] {
        ModelRegistry.definitions.filter { $0.inDefaultExperiment }.map { ModelKind(rawValue: $0.name)! }
    }

    public var definition: any ModelDefinition.Type { ModelRegistry.definitions.first { $0.name == rawValue }! }
    public var description: String { rawValue }
    public var label: String { definition.label }

    public static let skipgram = ModelKind(rawValue: SkipGramDefinition.name)!
    public static let cbow = ModelKind(rawValue: CBOWDefinition.name)!
    public static let fasttext = ModelKind(rawValue: FastTextDefinition.name)!
    public static let glove = ModelKind(rawValue: GloVeDefinition.name)!
}
