import Corpus

/// Structured Skip-Gram (Ling et al. 2015, wang2vec's `-type 3`): Skip-Gram with one output
/// matrix per relative position, so a context word predicts the centre word differently two
/// words to the left than one word to the right, and the vectors learn word order (it helps
/// syntactic analogies and tagging). The output table holds `2 · window` matrices of one row per
/// word: position o ∈ {−window…−1, 1…window} uses slot (o < 0 ? o + window : o + window − 1).
///
/// Negative sampling as Skip-Gram's; with `sharedNegatives` (the batch kernel) one draw of
/// negatives serves the whole window (pWord2Vec's saving; each position still updates its own
/// matrix's rows), otherwise (plain) each (context, centre) pair draws its own, as word2vec.
public struct StructuredSkipGramModel: StatelessWord2VecModel {
    public let loss: NegativeSamplingLoss
    public let table: TableHandle
    public let words: Int
    public let window: Int
    public let sharedNegatives: Bool

    public init(loss: NegativeSamplingLoss, table: TableHandle, words: Int, window: Int, sharedNegatives: Bool) {
        precondition(table.outputRows >= 2 * window * words)
        self.loss = loss
        self.table = table
        self.words = words
        self.window = window
        self.sharedNegatives = sharedNegatives
    }

    @inlinable @inline(__always)
    public func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState) {
        let target = example.centreWord
        let stride = table.stride
        let negatives = loss.negatives
        let drawn = worker.batchIds
        var lossSum: Float = 0
        var predictions = 0
        if sharedNegatives { loss.drawNegatives(into: drawn, worker: &worker) }
        var p = example.lower
        while p < example.upper {
            if p != example.centre {
                let offset = p &- example.centre
                let base = (offset < 0 ? offset &+ window : offset &+ window &- 1) &* words
                let row = table.inputRow(Int(example.sentence[p]))
                let gradient = worker.gradient
                VectorKernels.zero(gradient, stride)
                if !sharedNegatives { loss.drawNegatives(into: drawn, worker: &worker) }
                var d = -1
                while d < negatives {
                    let word = d < 0 ? target : drawn[d]
                    if d < 0 || word != target {
                        let out = table.outputRow(base &+ word)
                        let g = loss.gradientFactor(score: VectorKernels.dot(row, out, stride), label: d < 0 ? 1 : 0,
                                                    loss: &lossSum) * alpha
                        VectorKernels.axpy(g, out, gradient, stride)
                        VectorKernels.axpy(g, row, out, stride)
                        predictions &+= 1
                    }
                    d &+= 1
                }
                VectorKernels.axpy(1, gradient, row, stride)
            }
            p &+= 1
        }
        worker.loss.add(lossSum, predictions: predictions)
    }
}

/// The registry entry of Structured Skip-Gram.
public enum StructuredSkipGramDefinition: ModelDefinition {
    public static let name = "structured-skipgram"
    public static let label = "Structured Skip-Gram"
    public static let summary = "Structured Skip-Gram (Ling et al. 2015, wang2vec -type 3): one output matrix per relative position, so vectors learn word order; --kernel batch (negatives shared per window) or plain."

    public static func validate(_ options: ModelOptions) throws {
        try options.word2vec.validate()
        if options.word2vec.kernel == .blas {
            throw TrainingError.invalidOption("--kernel blas is for skipgram only; structured-skipgram uses batch or plain")
        }
    }

    static func outputRows(_ setup: ModelSetup) -> Int { 2 * setup.word2vec.window * setup.vocabulary.size }

    public static func memoryEstimate(_ setup: ModelSetup) -> Int {
        Word2VecTrainer.memoryEstimate(config: setup.word2vec, vocabularySize: setup.vocabulary.size,
                                       outputRows: outputRows(setup))
    }

    public static func makeRun(_ setup: ModelSetup, seed: UInt64) throws -> any ModelRun {
        let config = setup.word2vecConfig(.skipGram, seed: seed)
        let words = setup.vocabulary.size
        let trainer = try Word2VecTrainer(config: config, vocabulary: setup.vocabulary, corpus: try setup.requireCorpus(),
                                          outputRows: outputRows(setup))
        return Word2VecRun(trainer: trainer, vectors: EvaluatedVectors(table: trainer.table.handle, words: words), train: {
            try $0.run(StructuredSkipGramModel(loss: $0.negativeSamplingLoss(), table: $0.table.handle, words: words,
                                               window: config.window, sharedNegatives: config.kernel == .batch))
        }, flops: { PrimaryFlops.skipGram(predictions: $0.predictions, dim: config.dim, negatives: config.negatives) })
    }
}
