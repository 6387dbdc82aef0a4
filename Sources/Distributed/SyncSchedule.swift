/// Which rows a synchronisation round sends: pWord2Vec's doubling scheme. Rows are ranked most
/// frequent first; round t (1, 2, 3, ...) sends the `baseRows · 2^z` most frequent, z the number
/// of trailing zero bits of t, so the `baseRows` most frequent rows go every round, the next as
/// many every second round, twice as many again every fourth, ..., and all rows every `2^levels`
/// rounds. Rare rows, rarely touched, travel rarely; an epoch end synchronises everything.
public struct SyncSchedule: Sendable, Equatable {
    public let rows: Int
    public let baseRows: Int
    /// Rounds between two complete rounds are 2^levels.
    public let levels: Int

    public init(rows: Int, baseRows: Int) {
        precondition(rows >= 0 && baseRows >= 1)
        self.rows = rows
        self.baseRows = min(baseRows, max(rows, 1))
        var l = 0
        while self.baseRows << l < rows { l += 1 }
        levels = l
    }

    /// How many of the most frequent rows round `round` (from 1) sends.
    public func prefix(round: Int) -> Int {
        precondition(round >= 1)
        let z = min(round.trailingZeroBitCount, levels)
        return min(rows, baseRows << z)
    }

    /// Rows sent over `rounds` consecutive rounds from round 1 (for estimates and tests).
    public func rowsSent(rounds: Int) -> Int {
        rounds < 1 ? 0 : (1...rounds).reduce(0) { $0 + prefix(round: $1) }
    }
}

/// Rows ranked by how often training touches them, most first (ties: lower row first).
public enum RowRanking {
    /// `touches[r]` = how often row r is updated (a word's count; for a FastText n-gram row, the
    /// summed counts of the words that use it). Returns row indices, most touched first.
    public static func order(touches: [Int64]) -> [Int32] {
        var order = (0..<touches.count).map { Int32($0) }
        order.sort { a, b in
            let ta = touches[Int(a)], tb = touches[Int(b)]
            return ta != tb ? ta > tb : a < b
        }
        return order
    }

    /// True if `order` is 0, 1, 2, ... (no gather needed).
    public static func isIdentity(_ order: [Int32]) -> Bool {
        order.enumerated().allSatisfy { $0.offset == Int($0.element) }
    }
}
