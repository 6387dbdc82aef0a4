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
