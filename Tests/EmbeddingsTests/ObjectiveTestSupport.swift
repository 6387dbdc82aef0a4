import Corpus
@testable import Embeddings

/// A small table with random input rows in [-1, 1] (the auxiliary objectives' tests).
func randomTable(rows: Int = 12, dim: Int = 8, seed: UInt64 = 3) -> EmbeddingTable {
    let table = EmbeddingTable(inputRows: rows, outputRows: rows, dim: dim)
    var rng = Xoshiro256(seed: seed)
    for r in 0..<rows {
        let row = table.handle.inputRow(r)
        for j in 0..<dim { row[j] = rng.unitFloat() * 2 - 1 }
    }
    return table
}

/// The cosine of two vectors, in Float.
func cosine(_ x: [Float], _ y: [Float]) -> Float {
    var xy: Float = 0, xx: Float = 0, yy: Float = 0
    for j in 0..<x.count { xy += x[j] * y[j]; xx += x[j] * x[j]; yy += y[j] * y[j] }
    return xy / (xx.squareRoot() * yy.squareRoot())
}
