/// Scoring vectors that live in memory (a table still training), without writing a file.
extension EmbeddingMatrix {
    /// A matrix of `words` (in row order) whose rows are the first `dim` floats of the rows of
    /// `rows`, `stride` floats apart; normalised like any matrix. Duplicate words are an error.
    public convenience init(words: [[UInt8]], rows: UnsafePointer<Float>, stride: Int, dim: Int) throws {
        precondition(!words.isEmpty && dim > 0 && stride >= dim)
        var list = WordList()
        for w in words { list.append(w) }
        let index: WordIndex
        do { index = try VectorReader.exactIndex(list) } catch let duplicate as VectorReader.DuplicateWord {
            throw EvaluationError.invalidOption("duplicate word '\(String(decoding: words[duplicate.row], as: UTF8.self))'")
        }
        let vectors = UnsafeMutablePointer<Float>.allocate(capacity: words.count * dim)
        for r in 0..<words.count { (vectors + r * dim).update(from: rows + r * stride, count: dim) }
        self.init(words: list, index: index, vectors: vectors, dim: dim, format: .text)
    }

    /// Replaces every row with the first `dim` floats of `rows` (same layout as above, at least
    /// `count` rows) and normalises again: re-scoring a training table epoch after epoch keeps the
    /// word index and any `EvaluationVocabulary` built on this matrix.
    public func update(rows: UnsafePointer<Float>, stride: Int) {
        for r in 0..<count {
            (vectors + r * dim).update(from: rows + r * stride, count: dim)
            EmbeddingMatrix.normalize(vectors + r * dim, dim)
        }
    }
}
