import Corpus
import EmbedBase

/// How FastText turns rows into a word vector: the mean of the word's own row (when it is in the
/// vocabulary) and the rows of its n-gram buckets, as fastText's `getWordVector`.
public enum SubwordVectors {
    /// `out[0..<dim]` = mean of the rows `rows` (`row(r)` points at row r's `dim` floats).
    /// Returns false, leaving `out` zero, when `rows` is empty.
    @inlinable
    public static func mean<Rows: Sequence>(of rows: Rows, dim: Int, row: (Int) -> UnsafePointer<Float>,
                                            into out: UnsafeMutablePointer<Float>) -> Bool where Rows.Element: BinaryInteger {
        out.update(repeating: 0, count: dim)
        var n = 0
        for r in rows {
            let v = row(Int(r))
            for j in 0..<dim { out[j] += v[j] }
            n += 1
        }
        guard n > 0 else { return false }
        let s = 1 / Float(n)
        for j in 0..<dim { out[j] *= s }
        return true
    }
}

/// A vector built for a query word, and where it came from.
public struct WordVector: Equatable {
    public var values: [Float]
    /// The word is in the model's vocabulary (its own row is part of the mean).
    public var inVocabulary: Bool
    /// Number of n-gram rows averaged in.
    public var ngrams: Int
    /// Number of the word's n-grams (some may have no row: no vocabulary word has them).
    public var allNgrams: Int
}

/// A FastText model read from a file: our own format (`FastTextModelFile`) or fastText's `.bin`
/// (`FastTextBinFile`), hyper-parameters, vocabulary and the input matrix (memory-mapped: looking
/// up a few words touches only their rows). Gives a vector to any word that is in the vocabulary
/// or has at least one n-gram with a non-zero row, as fastText's `getWordVector` computes it: the
/// mean over the word's own row (when known) and the rows of all its n-grams, a bucket without a
/// row (our format stores only the buckets some vocabulary word uses) counting as a zero row,
/// which is what `FastTextBinFile` writes for it.
public final class FastTextModel {
    /// Where the rows of the n-gram buckets are.
    public enum BucketRows {
        /// Only these buckets (ascending, u32 little-endian at `offset`) have rows, after the words.
        case stored(count: Int, offset: Int)
        /// Every bucket b has row `vocabulary.size + b` (fastText's layout).
        case all(count: Int)
    }

    public let hyperparameters: FastTextHyperparameters
    public let vocabulary: Vocabulary
    /// Input rows: the words, then the bucket rows.
    public let rows: Int
    public let bucketRows: BucketRows
    /// fastText's format version for a `.bin`, nil for our format.
    public let fastTextVersion: Int32?
    /// The output matrix (`vocabulary.size` rows) when the file has one (fastText's `.bin`).
    public let outputRows: Int
    public var dim: Int { hyperparameters.dim }
    public var subwords: SubwordOptions { hyperparameters.subwords }
    let file: MappedFile
    /// The matrices, row-major little-endian float32, not necessarily aligned (fastText's are not).
    let matrix: UnsafeRawPointer
    let outputMatrix: UnsafeRawPointer?

    init(hyperparameters: FastTextHyperparameters, vocabulary: Vocabulary, bucketRows: BucketRows, file: MappedFile,
         matrixOffset: Int, output: (offset: Int, rows: Int)? = nil, fastTextVersion: Int32? = nil) {
        self.hyperparameters = hyperparameters
        self.vocabulary = vocabulary
        self.bucketRows = bucketRows
        switch bucketRows {
        case .stored(let n, _), .all(let n): rows = vocabulary.size + n
        }
        self.file = file
        self.fastTextVersion = fastTextVersion
        matrix = file.base + matrixOffset
        outputMatrix = output.map { file.base + $0.offset }
        outputRows = output?.rows ?? 0
    }

    /// How many buckets have a row.
    public var storedBuckets: Int { rows - vocabulary.size }

    /// Element j of input row r.
    @inline(__always)
    func element(_ r: Int, _ j: Int) -> Float {
        Float(bitPattern: UInt32(littleEndian: matrix.loadUnaligned(fromByteOffset: (r &* dim &+ j) &* 4, as: UInt32.self)))
    }

    /// Row r of the input matrix.
    public func inputRow(_ r: Int) -> [Float] {
        precondition(r >= 0 && r < rows)
        return (0..<dim).map { element(r, $0) }
    }

    /// Row r of the output matrix (a `.bin` has one per vocabulary word).
    public func outputRow(_ r: Int) -> [Float] {
        precondition(r >= 0 && r < outputRows, "no output row \(r)")
        return (0..<dim).map { Float(bitPattern: UInt32(littleEndian: outputMatrix!.loadUnaligned(fromByteOffset: (r * dim + $0) * 4, as: UInt32.self))) }
    }

    /// The row of bucket `b`, or nil when the model has none (a zero row: no vocabulary word has that n-gram).
    public func row(ofBucket b: Int) -> Int? {
        switch bucketRows {
        case .all(let n):
            return b < n ? vocabulary.size + b : nil
        case .stored(let n, let offset):
            func stored(_ i: Int) -> Int { Int(UInt32(littleEndian: file.base.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self))) }
            var lo = 0, hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                if stored(mid) < b { lo = mid + 1 } else { hi = mid }
            }
            return lo < n && stored(lo) == b ? vocabulary.size + lo : nil
        }
    }

    /// The rows whose sum makes `word`'s vector: its own row when known, then the rows of its
    /// n-grams that the model has; and how many n-grams the word has in all.
    public func inputRows(of word: String) -> (rows: [Int], inVocabulary: Bool, ngrams: Int) {
        var w = word
        return w.withUTF8 { inputRows(ofBytes: UnsafeRawBufferPointer($0), id: vocabulary.id(of: word)) }
    }

    func inputRows(ofBytes word: UnsafeRawBufferPointer, id: Int?) -> (rows: [Int], inVocabulary: Bool, ngrams: Int) {
        var rows: [Int] = []
        if let id { rows.append(id) }
        var ngrams = 0
        if id == nil || !SubwordOptions.isEndOfSentence(word) {
            subwords.forEachBucket(of: word) { b in
                ngrams += 1
                if let r = row(ofBucket: b) { rows.append(r) }
            }
        }
        return (rows, id != nil, ngrams)
    }

    /// out = (sum of `rows`) / `count`: zero, add the rows in order, then one multiplication by
    /// 1/count, fastText's arithmetic (and `SubwordVectors.mean`'s when count = rows.count).
    func mean(_ rows: [Int], count: Int, into out: UnsafeMutablePointer<Float>) {
        out.update(repeating: 0, count: dim)
        for r in rows {
            for j in 0..<dim { out[j] += element(r, j) }
        }
        let s = 1 / Float(count)
        for j in 0..<dim { out[j] *= s }
    }

    /// `word`'s vector, or nil when it is not in the vocabulary and none of its n-grams has a
    /// non-zero row (subwords off, a word shorter than minn characters with its boundary
    /// markers, or n-grams no vocabulary word has).
    public func vector(of word: String) -> WordVector? {
        let (rows, known, ngrams) = inputRows(of: word)
        let count = (known ? 1 : 0) + ngrams
        guard count > 0, known || !rows.isEmpty else { return nil }
        var values = [Float](repeating: 0, count: dim)
        values.withUnsafeMutableBufferPointer { mean(rows, count: count, into: $0.baseAddress!) }
        guard known || values.contains(where: { $0 != 0 }) else { return nil }
        return WordVector(values: values, inVocabulary: known, ngrams: rows.count - (known ? 1 : 0), allNgrams: ngrams)
    }

    /// The vectors of all vocabulary words, row-major (`vocabulary.size * dim` floats): the
    /// vectors `train --output` writes for this model.
    public func vocabularyVectors() -> [Float] {
        var out = [Float](repeating: 0, count: vocabulary.size * dim)
        out.withUnsafeMutableBufferPointer { buffer in
            for id in 0..<vocabulary.size {
                let (rows, _, ngrams) = vocabulary.withBytes(id) { inputRows(ofBytes: $0, id: id) }
                mean(rows, count: 1 + ngrams, into: buffer.baseAddress! + id * dim)
            }
        }
        return out
    }
}
