import Embeddings
import Evaluation

/// Retrofitting (Faruqui et al. 2015, "Retrofitting Word Vectors to Semantic Lexicons"): a post-hoc
/// baseline for the auxiliary tasks. With q̂ the original vectors (unit-normalised, as the
/// reference code does on reading) and a graph of synonym edges,
///
///     q_i ← (α q̂_i + Σ_j β_ij q_j) / (α + Σ_j β_ij),   α = 1, β_ij = 1 / degree(i),
///
/// for every word with at least one neighbour, in place (each update already sees the new vectors
/// of the words before it), for a fixed number of iterations (10 in the paper). Words without a
/// neighbour keep q̂. The words are visited in file order, so the result is deterministic.
public struct Retrofitter {
    /// Neighbours of each row in CSR form: row r's are `neighbours[starts[r] ..< starts[r + 1]]`.
    public let starts: [Int]
    public let neighbours: [Int32]
    /// Edges (unordered word pairs) with both words in the vectors.
    public let edges: Int

    /// Builds the graph of `pairs` (attract constraints) over the rows of `matrix`; words are
    /// matched exactly, else lower-cased. Self-loops and repeated edges are dropped.
    public init(matrix: EmbeddingMatrix, pairs: [(String, String)]) {
        func row(_ w: String) -> Int? { matrix.row(of: w) ?? matrix.row(of: w.lowercased()) }
        var lists = [[Int32]](repeating: [], count: matrix.count)
        for (a, b) in pairs {
            guard let i = row(a), let j = row(b), i != j else { continue }
            lists[i].append(Int32(j))
            lists[j].append(Int32(i))
        }
        var starts = [0]
        var flat: [Int32] = []
        var edgeEnds = 0
        for r in 0..<matrix.count {
            let unique = Array(Set(lists[r])).sorted()
            edgeEnds += unique.count
            flat.append(contentsOf: unique)
            starts.append(flat.count)
        }
        self.starts = starts
        neighbours = flat
        edges = edgeEnds / 2
    }

    /// Words with at least one neighbour.
    public var connectedWords: Int { (0..<(starts.count - 1)).filter { starts[$0 + 1] > starts[$0] }.count }

    /// The retrofitted vectors (`matrix.count × matrix.dim` floats, row-major) after `iterations`.
    public func run(_ matrix: EmbeddingMatrix, iterations: Int) -> [Float] {
        let dim = matrix.dim
        var q = [Float](UnsafeBufferPointer(start: matrix.vectors, count: matrix.count * dim))
        var sum = [Float](repeating: 0, count: dim)
        q.withUnsafeMutableBufferPointer { q in
            let original = UnsafePointer(matrix.vectors)
            for _ in 0..<iterations {
                for r in 0..<matrix.count {
                    let lo = starts[r], hi = starts[r + 1]
                    if lo == hi { continue }
                    let degree = Float(hi - lo)
                    // (α q̂ + Σ q_j / degree) / (α + 1) with α = 1: (degree q̂ + Σ q_j) / (2 degree).
                    for j in 0..<dim { sum[j] = degree * original[r * dim + j] }
                    for k in lo..<hi {
                        let n = Int(neighbours[k]) * dim
                        for j in 0..<dim { sum[j] += q[n + j] }
                    }
                    let scale = 1 / (2 * degree)
                    for j in 0..<dim { q[r * dim + j] = sum[j] * scale }
                }
            }
        }
        return q
    }
}

extension Retrofitter {
    /// The lexicon's edges: the attract (`synonym`/`attract`) pairs of a constraints file, minus the
    /// excluded evaluation pairs; `repel` counts the antonym lines left out (retrofitting only pulls).
    public static func lexicon(path: String, exclude: ExcludedPairs) throws -> (pairs: [(String, String)], removed: Int, repel: Int) {
        let set = try LabelledPairSet.load(path: path, labels: KnowledgeData.constraintLabels)
        var pairs: [(String, String)] = []
        var removed = 0, repel = 0
        for p in set.pairs {
            guard p.label == "synonym" || p.label == "attract" else { repel += 1; continue }
            if exclude.contains(p.first, p.second) { removed += 1; continue }
            pairs.append((p.first, p.second))
        }
        return (pairs, removed, repel)
    }
}
