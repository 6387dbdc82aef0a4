import ArgumentParser
import Embeddings
import Evaluation
import Foundation

extension ModelFileFormat: ExpressibleByArgument {}

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
