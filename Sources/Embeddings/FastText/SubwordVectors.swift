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

/// A FastText model read from a file (`FastTextModelFile.read`): hyper-parameters, vocabulary and
/// the input matrix (memory-mapped). Gives a vector to any word that is in the vocabulary or has
/// at least one n-gram with a row in the model.
public final class FastTextModel {
    public let hyperparameters: FastTextHyperparameters
    public let vocabulary: Vocabulary
    /// Input rows: the words, then the stored buckets.
    public let rows: Int
    /// How many buckets have a row (row `vocabulary.size + i` is that of `storedBucket(i)`).
    public let storedBuckets: Int
    let bucketList: UnsafeRawPointer
    public var dim: Int { hyperparameters.dim }
    public var subwords: SubwordOptions { hyperparameters.subwords }
    let file: MappedFile
    let matrix: UnsafePointer<Float>
    let converted: UnsafeMutablePointer<Float>?

    init(hyperparameters: FastTextHyperparameters, vocabulary: Vocabulary, storedBuckets: Int, file: MappedFile,
         bucketsOffset: Int, matrixOffset: Int) {
        self.hyperparameters = hyperparameters
        self.vocabulary = vocabulary
        self.storedBuckets = storedBuckets
        rows = vocabulary.size + storedBuckets
        self.file = file
        bucketList = file.base + bucketsOffset
        #if _endian(little)
        matrix = (file.base + matrixOffset).assumingMemoryBound(to: Float.self)
        converted = nil
        #else
        let count = rows * hyperparameters.dim
        let copy = UnsafeMutablePointer<Float>.allocate(capacity: count)
        for i in 0..<count {
            copy[i] = Float(bitPattern: UInt32(littleEndian: file.base.loadUnaligned(fromByteOffset: matrixOffset + 4 * i, as: UInt32.self)))
        }
        matrix = UnsafePointer(copy)
        converted = copy
        #endif
    }

    deinit {
        converted?.deallocate()
    }

    /// Row r of the input matrix (`dim` floats).
    public func row(_ r: Int) -> UnsafePointer<Float> {
        precondition(r >= 0 && r < rows)
        return matrix + r * dim
    }

    /// The row of bucket `b`, or nil when the model has none (no vocabulary word has that n-gram).
    public func row(ofBucket b: Int) -> Int? {
        var lo = 0, hi = storedBuckets
        while lo < hi {
            let mid = (lo + hi) / 2
            if storedBucket(mid) < b { lo = mid + 1 } else { hi = mid }
        }
        return lo < storedBuckets && storedBucket(lo) == b ? vocabulary.size + lo : nil
    }

    /// The i-th stored bucket (ascending).
    public func storedBucket(_ i: Int) -> Int {
        Int(UInt32(littleEndian: bucketList.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
    }

    /// The rows whose mean is `word`'s vector: its own row when known, then the rows of its
    /// n-grams that the model has; and how many n-grams the word has in all.
    public func inputRows(of word: String) -> (rows: [Int], inVocabulary: Bool, ngrams: Int) {
        var w = word
        return w.withUTF8 { inputRows(ofBytes: UnsafeRawBufferPointer($0), id: vocabulary.id(of: word)) }
    }

    func inputRows(ofBytes word: UnsafeRawBufferPointer, id: Int?) -> (rows: [Int], inVocabulary: Bool, ngrams: Int) {
        var rows: [Int] = []
        if let id { rows.append(id) }
        var ngrams = 0
        subwords.forEachBucket(of: word) { b in
            ngrams += 1
            if let r = row(ofBucket: b) { rows.append(r) }
        }
        return (rows, id != nil, ngrams)
    }

    /// `word`'s vector, or nil when it is not in the vocabulary and none of its n-grams has a row
    /// (subwords off, a word shorter than minn characters with its boundary markers, or n-grams
    /// no vocabulary word has).
    public func vector(of word: String) -> WordVector? {
        let (rows, known, ngrams) = inputRows(of: word)
        var values = [Float](repeating: 0, count: dim)
        let ok = values.withUnsafeMutableBufferPointer { SubwordVectors.mean(of: rows, dim: dim, row: row, into: $0.baseAddress!) }
        guard ok else { return nil }
        return WordVector(values: values, inVocabulary: known, ngrams: rows.count - (known ? 1 : 0), allNgrams: ngrams)
    }

    /// The vectors of all vocabulary words, row-major (`vocabulary.size * dim` floats): the
    /// vectors `train --output` writes for this model.
    public func vocabularyVectors() -> [Float] {
        var out = [Float](repeating: 0, count: vocabulary.size * dim)
        out.withUnsafeMutableBufferPointer { buffer in
            for id in 0..<vocabulary.size {
                let rows = vocabulary.withBytes(id) { inputRows(ofBytes: $0, id: id).rows }
                _ = SubwordVectors.mean(of: rows, dim: dim, row: row, into: buffer.baseAddress! + id * dim)
            }
        }
        return out
    }
}
