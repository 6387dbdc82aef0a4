import Corpus
import EmbedBase

/// Vectors a run starts from instead of random ones (`train --init-vectors FILE`): a word2vec
/// text or binary file, a fastText `.vec`, or a model file (fastText `.bin`, or ours).
///
/// What is initialised, on a freshly initialised table (the rest keeps its random values):
/// - from a vector file, the input row of every vocabulary word the file has (for FastText the
///   word's own row, its n-gram rows staying random, as fastText's `-pretrainedVectors` does);
/// - from a model file, for FastText the word's own row, and the n-gram rows when the model's
///   minn, maxn and bucket are those of the run; for Skip-Gram, CBOW and GloVe the word's vector
///   as the model composes it (own row and n-grams); and, except for GloVe, whose context
///   vectors mean something else, the output rows (a `.bin` has them), so that training continues
///   where the model stopped.
/// Word vectors to start from, as read from a word2vec or fastText `.vec` file.
public struct Word2VecFile: Equatable {
    public var words: [String]
    public var dim: Int
    /// Row-major, `words.count * dim` floats.
    public var vectors: [Float]

    public init(words: [String], dim: Int, vectors: [Float]) {
        precondition(vectors.count == words.count * dim, "one row of dim values per word")
        self.words = words
        self.dim = dim
        self.vectors = vectors
    }

    public func vector(_ i: Int) -> ArraySlice<Float> { vectors[(i * dim)..<((i + 1) * dim)] }
}

public final class WarmStart {
    public enum Source {
        case vectors(Word2VecFile)
        case model(FastTextModel)
    }

    public let path: String
    public let source: Source

    public var dim: Int {
        switch source {
        case .vectors(let file): return file.dim
        case .model(let model): return model.dim
        }
    }

    public init(path: String, source: Source) {
        self.path = path
        self.source = source
    }

    /// Reads `path`: a model file when it starts with one's magic number, else a vector file read
    /// by `readVectors` (the caller's reader: word2vec text or binary, fastText `.vec`).
    public static func load(path: String, readVectors: (String) throws -> Word2VecFile) throws -> WarmStart {
        let head = try MappedFile(path: path)
        let reader = ByteReader(base: head.base, size: head.size)
        let isModel = (head.size >= 4 && reader.i32(0) == FastTextBinFile.magic)
            || (head.size >= 8 && reader.bytes(0, 8).elementsEqual(FastTextModelFile.magic))
        if isModel { return WarmStart(path: path, source: .model(try FastTextModelFile.read(path: path))) }
        return WarmStart(path: path, source: .vectors(try readVectors(path)))
    }

    /// What `apply` initialised.
    public struct Report: Equatable, CustomStringConvertible {
        public var words = 0
        public var vocabularySize = 0
        public var ngramRows = 0
        public var outputRows = 0
        /// Why the n-gram rows were left random, when they were.
        public var ngramNote: String?
        public var path = ""

        public var description: String {
            var s = "initialised \(words) of \(vocabularySize) words from \(path)"
            if ngramRows > 0 { s += ", \(ngramRows) n-gram rows" }
            if outputRows > 0 { s += ", \(outputRows) output rows" }
            if let ngramNote { s += " (\(ngramNote))" }
            return s
        }
    }

    /// Copies the known rows into `table`, whose first `vocabulary.size` input rows are the words
    /// (then, with `subwords`, the rows of `subwords.usedBuckets`). `outputs`: also the output
    /// rows, from a model file. A dimension other than the table's is an error naming the file.
    public func apply(to table: EmbeddingTable, vocabulary: Vocabulary, subwords: SubwordRowTable?,
                      outputs: Bool) throws -> Report {
        guard dim == table.dim else { throw TrainingError.invalidOption("\(path): vectors of dimension \(dim), but the run trains dimension \(table.dim) (--dim)") }
        var report = Report(vocabularySize: vocabulary.size, path: path)
        let stride = table.stride
        func set(_ row: UnsafeMutablePointer<Float>, _ values: some Collection<Float>) {
            for (j, x) in values.enumerated() { row[j] = x }
        }
        switch source {
        case .vectors(let file):
            for (i, word) in file.words.enumerated() {
                guard let id = vocabulary.id(of: word) else { continue }
                set(table.input + id * stride, file.vector(i))
                report.words += 1
            }
        case .model(let model):
            for id in 0..<vocabulary.size {
                guard let source = vocabulary.withBytes(id, { model.vocabulary.id(ofBytes: $0) }) else { continue }
                if subwords != nil {
                    set(table.input + id * stride, model.inputRow(source))
                } else if let v = model.vector(of: vocabulary.word(id)) {
                    set(table.input + id * stride, v.values)
                }
                report.words += 1
                if outputs && source < model.outputRows {
                    set(table.output + id * stride, model.outputRow(source))
                    report.outputRows += 1
                }
            }
            if let subwords, subwords.options.enabled {
                if model.subwords != subwords.options {
                    report.ngramNote = "n-gram rows left random: the model has minn \(model.subwords.minn) maxn \(model.subwords.maxn) "
                        + "bucket \(model.subwords.buckets), the run \(subwords.options.minn) \(subwords.options.maxn) \(subwords.options.buckets)"
                } else {
                    for (i, b) in subwords.usedBuckets.enumerated() {
                        guard let r = model.row(ofBucket: Int(b)) else { continue }
                        set(table.input + (subwords.words + i) * stride, model.inputRow(r))
                        report.ngramRows += 1
                    }
                }
            }
        }
        return report
    }
}
