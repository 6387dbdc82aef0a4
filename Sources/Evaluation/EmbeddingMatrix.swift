/// Word vectors ready for scoring: one contiguous row-major Float matrix whose rows are
/// unit-normalised (an all-zero vector stays zero), the words in file order (the frequency order
/// for word2vec, fastText and our own files), and an exact word -> row index.
public final class EmbeddingMatrix {
    public let count: Int
    public let dim: Int
    public let words: WordList
    public let format: VectorFormat
    /// `count * dim` floats, row r at `vectors + r * dim`.
    public let vectors: UnsafeMutablePointer<Float>
    let exact: WordIndex

    /// Takes ownership of `vectors` (raw values) and normalises every row in place.
    init(words: WordList, index: WordIndex, vectors: UnsafeMutablePointer<Float>, dim: Int, format: VectorFormat) {
        self.count = words.count
        self.dim = dim
        self.words = words
        self.exact = index
        self.vectors = vectors
        self.format = format
        for r in 0..<count { EmbeddingMatrix.normalize(vectors + r * dim, dim) }
    }

    /// Builds a matrix from rows given in memory (tests, and callers holding vectors already).
    public convenience init(words: [String], rows: [[Float]]) throws {
        precondition(words.count == rows.count && !rows.isEmpty, "one row per word, at least one")
        let dim = rows[0].count
        precondition(rows.allSatisfy { $0.count == dim }, "all rows must have the same dimension")
        try self.init(words: words.map { Array($0.utf8) }, vectors: rows.flatMap { $0 }, dim: dim)
    }

    /// Builds a matrix from the words' bytes and their vectors, row-major (`words.count * dim`
    /// floats): e.g. the vectors a FastText model composes for its vocabulary.
    public convenience init(words: [[UInt8]], vectors values: [Float], dim: Int) throws {
        precondition(!words.isEmpty && dim > 0 && values.count == words.count * dim, "one row of dim floats per word")
        var list = WordList()
        for w in words { list.append(w) }
        let vectors = UnsafeMutablePointer<Float>.allocate(capacity: values.count)
        vectors.update(from: values, count: values.count)
        let index: WordIndex
        do { index = try VectorReader.exactIndex(list) } catch let duplicate as VectorReader.DuplicateWord {
            vectors.deallocate()
            throw EvaluationError.invalidOption("duplicate word '\(String(decoding: words[duplicate.row], as: UTF8.self))'")
        }
        self.init(words: list, index: index, vectors: vectors, dim: dim, format: .text)
    }

    deinit { vectors.deallocate() }

    @inline(__always) public func row(_ r: Int) -> UnsafeMutablePointer<Float> { vectors + r * dim }

    /// The row of exactly this word.
    public func row(of word: String) -> Int? { exact.find(word) }
    public func row(of word: [UInt8]) -> Int? { exact.find(word) }

    /// Divides a row by its Euclidean norm (computed in Double); zero rows stay zero.
    static func normalize(_ v: UnsafeMutablePointer<Float>, _ dim: Int) {
        var sum = 0.0
        for j in 0..<dim { let x = Double(v[j]); sum += x * x }
        guard sum > 0 else { return }
        let norm = Float(sum.squareRoot())
        for j in 0..<dim { v[j] /= norm }
    }
}
