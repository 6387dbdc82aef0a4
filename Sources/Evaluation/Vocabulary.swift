/// The words that take part in an evaluation: the first `limit` rows of a matrix (the most frequent),
/// looked up exactly or case-insensitively. Case-insensitive lookup follows gensim's
/// `case_insensitive=True`: words are upper-cased and the first (most frequent) row of each
/// upper-cased form stands for all of its variants.
public struct EvaluationVocabulary {
    public let limit: Int
    public let caseInsensitive: Bool
    let index: WordIndex
    /// For each row below `limit`: the row that represents its (upper-cased) form.
    public let representative: [Int32]

    public init(_ matrix: EmbeddingMatrix, limit: Int, caseInsensitive: Bool) {
        let n = limit <= 0 ? matrix.count : min(limit, matrix.count)
        self.limit = n
        self.caseInsensitive = caseInsensitive
        var index = WordIndex(capacity: n)
        var representative = [Int32](repeating: 0, count: n)
        for r in 0..<n {
            let first: Int = matrix.words.withBytes(r) { word in
                if caseInsensitive {
                    return CaseFolding.upper(word).withUnsafeBufferPointer { index.insertIfAbsent($0, row: r) }
                }
                return index.insertIfAbsent(word, row: r)
            }
            representative[r] = Int32(first)
        }
        self.index = index
        self.representative = representative
    }

    /// The representative row for a word, or nil when it is not among the first `limit` words.
    public func row(of word: [UInt8]) -> Int? {
        caseInsensitive ? index.find(CaseFolding.upper(word)) : index.find(word)
    }

    public func row(of word: String) -> Int? { row(of: Array(word.utf8)) }
}
