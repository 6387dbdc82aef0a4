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
        var list = WordList()
        let vectors = UnsafeMutablePointer<Float>.allocate(capacity: max(1, rows.count * dim))
        for (r, row) in rows.enumerated() {
            precondition(row.count == dim, "all rows must have the same dimension")
            list.append(Array(words[r].utf8))
            (vectors + r * dim).update(from: row, count: dim)
        }
        let index: WordIndex
        do { index = try VectorReader.exactIndex(list) } catch let duplicate as VectorReader.DuplicateWord {
            vectors.deallocate()
            throw EvaluationError.invalidOption("duplicate word '\(words[duplicate.row])'")
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
