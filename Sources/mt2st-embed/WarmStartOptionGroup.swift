import ArgumentParser
import EmbedBase
import Corpus
import Embeddings
import Evaluation
import Foundation

/// `train --init-vectors FILE`: start from existing vectors (`WarmStart`).
struct WarmStartOptionGroup: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Start from these vectors instead of random ones: word2vec text or binary, fastText .vec, or a model (fastText .bin or ours). The rows of the vocabulary words the file has are set (from a model: FastText n-gram rows with the same --minn/--maxn/--bucket, and output rows, too); the others stay random. Its dimension must be --dim.", valueName: "file"))
    var initVectors: String?

    /// Reads the file (before the corpus, so a bad file or dimension fails at once).
    func load(dim: Int) throws -> WarmStart? {
        guard let path = initVectors else { return nil }
        let format = try Self.format(of: path)
        let start = try WarmStart.load(path: path) { path in
            let v = try VectorReader.readValues(path: path, format: format)
            return Word2VecFile(words: v.words, dim: v.dim, vectors: v.values)
        }
        guard start.dim == dim else {
            throw WarmStartError(description: "\(path): vectors of dimension \(start.dim), but --dim is \(dim)")
        }
        return start
    }

    /// The vector format of `path` from its first bytes; a file without a 'count dim' header
    /// (GloVe's) is refused, as are unreadable ones.
    static func format(of path: String) throws -> VectorFormat? {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FileError.cannotOpen(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "No such file or directory")
        }
        defer { try? handle.close() }
        let head = try handle.read(upToCount: 1 << 16) ?? Data()
        if ModelFileInput.isModelFile(path) { return nil }
        let format = head.withUnsafeBytes { VectorFormat.detect($0.bindMemory(to: UInt8.self)) }
        guard format != .glove else {
            throw WarmStartError(description: "\(path): no 'count dimension' header line: --init-vectors reads word2vec text or binary, fastText .vec or .bin")
        }
        return format
    }
}

/// A file `--init-vectors` cannot use (one line, naming the file).
struct WarmStartError: Error, CustomStringConvertible {
    let description: String
}

extension WarmStart {
    /// Initialises `table` and prints what was set.
    func start(_ table: EmbeddingTable, vocabulary: Vocabulary, subwords: SubwordRowTable?, outputs: Bool) throws {
        printErr(try apply(to: table, vocabulary: vocabulary, subwords: subwords, outputs: outputs).description)
    }
}
