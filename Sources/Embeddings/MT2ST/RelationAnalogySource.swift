import Corpus

/// One word pair of a relation (input-row ids): `first` is related to `second` (dog → dogs).
@frozen
public struct RelationPair: Equatable, Sendable {
    public var first: Int32, second: Int32
    @inlinable
    public init(first: Int32, second: Int32) {
        self.first = first
        self.second = second
    }
}

/// Analogy questions drawn on the fly from relation pairs: a relation is picked uniformly (so a
/// relation with 100,000 pairs, such as hypernyms, does not drown one with 2,000), then two of its
/// pairs (a, b) and (c, d), and the question a : b :: c : d goes to the analogy objective. Pairs
/// whose four words are not distinct are redrawn a few times, then the round takes no step.
///
/// The pairs are stored grouped by relation in one flat buffer, so a draw allocates nothing.
/// Relations with fewer than two pairs cannot make a question and are dropped at construction.
public final class RelationAnalogySource {
    @usableFromInline let pairs: UnsafeMutableBufferPointer<RelationPair>
    /// Start of each kept relation's pairs in `pairs`, plus the end: `relationCount + 1` entries.
    @usableFromInline let starts: UnsafeMutableBufferPointer<Int>
    public let relationCount: Int
    public let pairCount: Int

    /// `relations`: the pairs of each relation (any order of relations; relations with fewer than
    /// two pairs are dropped).
    public init(relations: [[RelationPair]]) {
        let kept = relations.filter { $0.count >= 2 }
        relationCount = kept.count
        pairCount = kept.reduce(0) { $0 + $1.count }
        pairs = .allocate(capacity: max(pairCount, 1))
        starts = .allocate(capacity: kept.count + 1)
        var offset = 0
        for (r, list) in kept.enumerated() {
            starts[r] = offset
            _ = UnsafeMutableBufferPointer(rebasing: pairs[offset..<(offset + list.count)]).initialize(from: list)
            offset += list.count
        }
        starts[kept.count] = offset
    }

    deinit {
        pairs.deallocate()
        starts.deallocate()
    }

    /// Whether any question can be drawn.
    public var isEmpty: Bool { relationCount == 0 }

    /// Draws a question: a relation, then two different pairs of it with four distinct words (up
    /// to 8 tries); nil when none was found (or the source is empty).
    @inlinable
    public func draw(rng: inout Xoshiro256) -> AnalogyExample? {
        if relationCount == 0 { return nil }
        let r = rng.below(relationCount)
        let start = starts[r]
        let count = starts[r &+ 1] &- start
        var tries = 0
        while tries < 8 {
            let i = rng.below(count)
            var j = rng.below(count &- 1)
            if j >= i { j &+= 1 }
            let p = pairs[start &+ i], q = pairs[start &+ j]
            if p.first != p.second && q.first != q.second && p.first != q.first && p.first != q.second
                && p.second != q.first && p.second != q.second {
                return AnalogyExample(a: q.first, b: q.second, c: p.first, d: p.second)
            }
            tries &+= 1
        }
        return nil
    }
}
