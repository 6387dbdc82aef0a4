/// Which input rows make up a word's vector: the mapping that separates "which rows" from "how
/// to update" (fastText's dictionary `getSubwords` apart from its `Model::update`). Skip-Gram and
/// CBOW use `OneRowPerWord` (word w is input row w); FastText uses `SubwordRows` (the word's own
/// row, then its character n-gram rows). The models are generic over it, so the mapping is
/// resolved at compile time: with `OneRowPerWord` the code is word2vec's, with no branch left.
///
/// A word with one row is used in place; a word with several is composed as their mean (the first
/// row copied, the others added in order, one scaling: `VectorKernels.meanOfRows`), and the
/// gradient of that mean goes to every one of its rows, undivided, as in fastText.
public protocol WordRows {
    /// False when every word has exactly one row (lets the models drop the composition paths).
    var hasSubwords: Bool { get }
    /// How many input rows word `w` has (1: just row `w`).
    func count(of w: Int) -> Int
    /// Word `w`'s rows, its own first (read only when `count(of: w) > 1`).
    func rows(of w: Int) -> UnsafePointer<Int32>
}

/// Skip-Gram's and CBOW's mapping: word w is input row w.
@frozen
public struct OneRowPerWord: WordRows {
    @inlinable public init() {}
    @inlinable public var hasSubwords: Bool { false }
    @inlinable @inline(__always) public func count(of w: Int) -> Int { 1 }
    @inlinable @inline(__always) public func rows(of w: Int) -> UnsafePointer<Int32> {
        preconditionFailure("a word with one row is used in place")
    }
}

extension SubwordRows: WordRows {
    @inlinable public var hasSubwords: Bool { true }
    @inlinable @inline(__always) public func count(of w: Int) -> Int { offsets[w &+ 1] &- offsets[w] }
    @inlinable @inline(__always) public func rows(of w: Int) -> UnsafePointer<Int32> { rows + offsets[w] }
}
