import CBLAS

/// A word found near a query, with its score (a cosine for neighbours and 3CosAdd; the 3CosMul
/// value for 3CosMul analogies).
public struct Neighbor: Equatable {
    public var row: Int
    public var word: String
    public var score: Float
}

/// Nearest-neighbour and analogy queries over the first `limit` rows of a matrix (0 = all rows).
public enum Neighbors {
    /// The `k` rows most similar (cosine) to `word`'s row, the word itself excluded.
    public static func nearest(_ matrix: EmbeddingMatrix, row: Int, k: Int, limit: Int = 0) -> [Neighbor] {
        let n = candidates(matrix, limit)
        var scores = [Float](repeating: 0, count: n)
        scores.withUnsafeMutableBufferPointer { s in
            cosines(matrix, query: matrix.row(row), n: n, into: s.baseAddress!)
        }
        return top(scores, k: k, excluding: [row], matrix: matrix)
    }

    /// Answers `a : b :: c : ?` with the `k` best candidates other than a, b and c. With 3CosAdd the
    /// score is the cosine with the unit vector of b - a + c (as gensim's `most_similar` prints it).
    public static func analogy(_ matrix: EmbeddingMatrix, a: Int, b: Int, c: Int, k: Int, limit: Int = 0,
                               method: AnalogyMethod = .add) -> [Neighbor] {
        let n = candidates(matrix, limit)
        let dim = matrix.dim
        var scores = [Float](repeating: 0, count: n)
        switch method {
        case .add:
            var query = [Float](repeating: 0, count: dim)
            let va = matrix.row(a), vb = matrix.row(b), vc = matrix.row(c)
            for j in 0..<dim { query[j] = vb[j] + vc[j] - va[j] }
            var norm: Float = 0
            for j in 0..<dim { norm += query[j] * query[j] }
            norm = norm.squareRoot()
            if norm > 0 { for j in 0..<dim { query[j] /= norm } }
            scores.withUnsafeMutableBufferPointer { s in
                query.withUnsafeBufferPointer { cosines(matrix, query: $0.baseAddress!, n: n, into: s.baseAddress!) }
            }
        case .mul:
            var ca = [Float](repeating: 0, count: n), cb = ca, cc = ca
            ca.withUnsafeMutableBufferPointer { cosines(matrix, query: matrix.row(a), n: n, into: $0.baseAddress!) }
            cb.withUnsafeMutableBufferPointer { cosines(matrix, query: matrix.row(b), n: n, into: $0.baseAddress!) }
            cc.withUnsafeMutableBufferPointer { cosines(matrix, query: matrix.row(c), n: n, into: $0.baseAddress!) }
            scores.withUnsafeMutableBufferPointer { s in
                ScoreKernels.mul(a: ca, b: cb, c: cc, out: s.baseAddress!, count: n)
            }
        }
        return top(scores, k: k, excluding: [a, b, c], matrix: matrix)
    }

    /// The `k` rows most similar (cosine) to an arbitrary vector of `matrix.dim` floats (a word
    /// outside the matrix, e.g. built from character n-grams).
    public static func nearest(_ matrix: EmbeddingMatrix, vector: [Float], k: Int, limit: Int = 0) -> [Neighbor] {
        precondition(vector.count == matrix.dim)
        var query = vector
        EmbeddingMatrix.normalize(&query, matrix.dim)
        let n = candidates(matrix, limit)
        var scores = [Float](repeating: 0, count: n)
        scores.withUnsafeMutableBufferPointer { s in
            query.withUnsafeBufferPointer { cosines(matrix, query: $0.baseAddress!, n: n, into: s.baseAddress!) }
        }
        return top(scores, k: k, excluding: [], matrix: matrix)
    }

    static func candidates(_ matrix: EmbeddingMatrix, _ limit: Int) -> Int {
        limit <= 0 ? matrix.count : min(limit, matrix.count)
    }

    /// scores[r] = row r . query for the first n rows (one `cblas_sgemv`).
    static func cosines(_ matrix: EmbeddingMatrix, query: UnsafePointer<Float>, n: Int, into scores: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(matrix.dim), 1, matrix.vectors, Int32(matrix.dim),
                    query, 1, 0, scores, 1)
    }

    /// The k best entries, best first (ties: lower row first), skipping `excluding`.
    static func top(_ scores: [Float], k: Int, excluding: [Int], matrix: EmbeddingMatrix) -> [Neighbor] {
        var scores = scores
        for r in excluding where r < scores.count { scores[r] = -.infinity }
        var result: [Neighbor] = []
        scores.withUnsafeMutableBufferPointer { s in
            for _ in 0..<max(0, k) {
                guard let best = ScoreKernels.argmax(s.baseAddress!, count: s.count) else { break }
                result.append(Neighbor(row: best, word: matrix.words.word(best), score: s[best]))
                s[best] = -.infinity
            }
        }
        return result
    }
}
