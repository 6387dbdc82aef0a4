/// Vectors exactly as a file holds them (`VectorReader.readValues`): the words in file order and
/// their values, not normalised.
public struct VectorValues: Equatable {
    public var words: [String]
    public var dim: Int
    /// Row-major, `words.count * dim` floats.
    public var values: [Float]

    public init(words: [String], dim: Int, values: [Float]) {
        precondition(values.count == words.count * dim, "one row of dim values per word")
        self.words = words
        self.dim = dim
        self.values = values
    }

    /// The values of row `i`.
    public func vector(_ i: Int) -> ArraySlice<Float> { values[(i * dim)..<((i + 1) * dim)] }
}
