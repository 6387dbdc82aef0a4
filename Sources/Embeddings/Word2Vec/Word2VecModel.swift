/// How a model learns from one example (Skip-Gram, CBOW, their batched variants, later FastText).
public protocol Word2VecModel {
    func train(_ example: TrainingExample, alpha: Float, worker: inout WorkerState)
}
