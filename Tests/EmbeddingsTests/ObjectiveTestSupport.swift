import Corpus
import XCTest
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

/// Checks that a step moved each of `rows` by −η‖x‖² times the loss gradient (the objectives'
/// preconditioned step), the gradient measured by central differences of step `h` around
/// `before` (the rows are restored to `before` first and left so). Returns the components checked.
@discardableResult
func assertStepFollowsTheGradient(_ table: EmbeddingTable, rows: [Int], before: [[Float]], after: [[Float]], eta: Float,
                                  h: Float, tolerance: Float, label: String, loss: () -> Float,
                                  file: StaticString = #filePath, line: UInt = #line) -> Int {
    for (k, r) in rows.enumerated() { table.handle.inputRow(r).update(from: before[k], count: table.dim) }
    var checked = 0
    for (k, r) in rows.enumerated() {
        let norm2 = before[k].reduce(0) { $0 + $1 * $1 }
        for j in 0..<table.dim {
            let implied = -(after[k][j] - before[k][j]) / (eta * norm2)
            let p = table.handle.inputRow(r)
            p[j] = before[k][j] + h
            let up = loss()
            p[j] = before[k][j] - h
            let down = loss()
            p[j] = before[k][j]
            let numeric = (up - down) / (2 * h)
            XCTAssertEqual(implied, numeric, accuracy: tolerance + 0.05 * abs(numeric), "\(label)row \(r) component \(j)",
                           file: file, line: line)
            checked += 1
        }
    }
    return checked
}
