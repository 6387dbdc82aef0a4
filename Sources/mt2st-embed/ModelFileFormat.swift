import ArgumentParser
import Embeddings
import Evaluation
import Foundation

/// The format `train --save-model` writes a FastText model in.
enum ModelFileFormat: String, ExpressibleByArgument, CaseIterable {
    /// fastText's `.bin`, version 12: fastText, gensim and our readers load it.
    case fasttext
    /// Our compact format (`FastTextModelFile`): only the buckets the vocabulary uses, memory-mapped.
    case mt2st

    /// Writes `trainer`'s model to `path`; returns a description for the log line.
    func save(_ trainer: FastTextTrainer, to path: String, minCount: Int, tokens: Int64) throws -> String {
        switch self {
        case .fasttext:
            try trainer.saveFastTextBin(to: path, minCount: minCount, tokens: tokens)
            let buckets = trainer.subwords.enabled ? trainer.subwords.buckets : 0
            return "fastText .bin version \(FastTextBinFile.version): \(trainer.rows.words) words + \(buckets) bucket rows x \(trainer.config.dim), "
                + "\(trainer.rows.usedBuckets.count) of the buckets trained, the others zero"
        case .mt2st:
            try trainer.saveModel(to: path, minCount: minCount)
            return "mt2st-embed model: \(trainer.table.inputRows) rows x \(trainer.config.dim)"
        }
    }
}

/// Model files where vector files are expected (`--vectors`): a fastText `.bin` or our model file
/// gives the vectors of its vocabulary, as `train --output` writes them.
enum ModelFileInput {
    /// Whether `path` starts with the magic number of a fastText `.bin` or of our model file
    /// (false for anything unreadable: the vector reader then reports it).
    static func isModelFile(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 8), head.count >= 4 else { return false }
        let magic = UInt32(head[0]) | UInt32(head[1]) << 8 | UInt32(head[2]) << 16 | UInt32(head[3]) << 24
        return magic == UInt32(bitPattern: FastTextBinFile.magic) || head.elementsEqual(FastTextModelFile.magic)
    }

    /// The vocabulary's vectors of the model file at `path`.
    static func load(_ path: String, log: (String) -> Void) throws -> EmbeddingMatrix {
        let model = try FastTextModelFile.read(path: path)
        log("\(path): \(model.fastTextVersion.map { "fastText .bin (version \($0))" } ?? "mt2st-embed model"), "
            + "\(model.vocabulary.size) words, \(model.storedBuckets) bucket rows, dimension \(model.dim)")
        return try model.embeddingMatrix()
    }
}
