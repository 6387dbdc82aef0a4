import XCTest
import Corpus
@testable import Embeddings

/// The registry: every model builds and trains through the one construction path, and the new
/// Structured Skip-Gram learns word order.
final class ModelRegistryTests: XCTestCase {
    func setup(_ text: String = SyntheticCorpus.pairs(sentences: 600), window: Int = 2, kernel: Word2VecKernel = .batch) throws -> ModelSetup {
        let corpus = try SyntheticCorpus.build(text)
        var options = ModelOptions()
        options.word2vec = config(.skipGram, kernel, epochs: 3)
        options.word2vec.window = window
        options.subwords = SubwordOptions(minn: 2, maxn: 3, buckets: 1000)
        options.glove.dim = options.word2vec.dim
        options.glove.epochs = 3
        options.glove.threads = 1
        return ModelSetup(vocabulary: corpus.vocabulary, corpus: corpus.encoded, options: options)
    }

    func testEveryRegisteredModelTrainsThroughTheRegistry() throws {
        let s = try setup()
        XCTAssertEqual(Set(ModelKind.allCases.map(\.rawValue)).count, ModelRegistry.definitions.count, "names are unique")
        for kind in ModelKind.allCases {
            let definition = kind.definition
            XCTAssertNoThrow(try definition.validate(s.options), kind.rawValue)
            XCTAssertGreaterThan(definition.memoryEstimate(s), 0, kind.rawValue)
            let run = try definition.makeRun(s, seed: 3)
            let summary = try run.train()
            XCTAssertEqual(summary.epochs.count, definition.epochs(s.options), kind.rawValue)
            XCTAssertTrue(summary.finalLoss.isFinite, kind.rawValue)
            XCTAssertGreaterThan(run.primaryFlops(summary.epochs[0]), 0, kind.rawValue)
            XCTAssertEqual(run.vectors.words, s.vocabulary.size, kind.rawValue)
        }
        XCTAssertEqual(ModelKind.experimentDefaults.map(\.rawValue), ["skipgram", "cbow", "fasttext", "glove"])
    }

    func testStructuredSkipGramHasOneOutputMatrixPerPositionAndLearnsWordOrder() throws {
        for kernel in [Word2VecKernel.batch, .plain] {
            let s = try setup(kernel: kernel)
            let run = try XCTUnwrap(try StructuredSkipGramDefinition.makeRun(s, seed: 1) as? Word2VecRun)
            let table = run.trainer.table
            let v = s.vocabulary.size
            XCTAssertEqual(table.outputRows, 2 * 2 * v, "window 2: four position matrices")
            let summary = try run.train()
            XCTAssertLessThan(summary.epochs.last!.loss, summary.epochs.first!.loss, "\(kernel)")
            // In "pK (aK|bK) qK", pK is always just left of aK and qK just right of it.
            func id(_ w: String) -> Int { s.vocabulary.id(of: w)! }
            func score(_ context: String, _ centre: String, offset: Int) -> Float {
                let slot = offset < 0 ? offset + 2 : offset + 1
                return zip(table.inputVector(id(context)), table.outputVector(slot * v + id(centre))).map(*).reduce(0, +)
            }
            var ordered = 0
            for k in 0..<10 {
                if score("p\(k)", "a\(k)", offset: -1) > score("q\(k)", "a\(k)", offset: -1)
                    && score("q\(k)", "a\(k)", offset: 1) > score("p\(k)", "a\(k)", offset: 1) { ordered += 1 }
            }
            XCTAssertGreaterThanOrEqual(ordered, 9, "the left matrix predicts from pK, the right one from qK (\(kernel))")
        }
    }

    func testStructuredSkipGramIsDeterministicWithOneThreadAndRefusesBlas() throws {
        func vectors() throws -> [[Float]] {
            let s = try setup(kernel: .plain)
            let run = try XCTUnwrap(try StructuredSkipGramDefinition.makeRun(s, seed: 4) as? Word2VecRun)
            _ = try run.train()
            return (0..<s.vocabulary.size).map { run.trainer.table.inputVector($0) }
        }
        XCTAssertEqual(try vectors(), try vectors())
        var options = ModelOptions()
        options.word2vec.kernel = .blas
        XCTAssertThrowsError(try StructuredSkipGramDefinition.validate(options)) {
            XCTAssertTrue("\($0)".contains("--kernel blas"), "\($0)")
        }
    }
}
