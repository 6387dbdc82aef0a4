import Corpus
import Embeddings

/// A small, fast, single-threaded configuration for trainer tests (dim 16, window 3, 5 negatives,
/// no sub-sampling, seed 42).
func config(_ arch: Word2VecArchitecture, _ kernel: Word2VecKernel = .batch, epochs: Int = 5) -> Word2VecConfig {
    var c = Word2VecConfig()
    c.architecture = arch
    c.kernel = kernel
    c.dim = 16
    c.window = 3
    c.negatives = 5
    c.sample = 0
    c.epochs = epochs
    c.threads = 1
    c.seed = 42
    c.syncEvery = 500
    return c
}

/// Mean cosine of the planted pairs aK-bK of `SyntheticCorpus.pairs` and of unrelated aK-b(K+3).
func plantedPairCosines(_ table: EmbeddingTable, _ v: Vocabulary) -> (paired: Float, random: Float) {
    func cosine(_ a: [Float], _ b: [Float]) -> Float {
        var d: Float = 0, na: Float = 0, nb: Float = 0
        for i in a.indices { d += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
        return d / (na.squareRoot() * nb.squareRoot())
    }
    var paired: Float = 0, random: Float = 0
    for k in 0..<10 {
        let a = table.inputVector(v.id(of: "a\(k)")!)
        paired += cosine(a, table.inputVector(v.id(of: "b\(k)")!))
        random += cosine(a, table.inputVector(v.id(of: "b\((k + 3) % 10)")!))
    }
    return (paired / 10, random / 10)
}
