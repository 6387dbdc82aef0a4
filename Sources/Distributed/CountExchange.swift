import Corpus

/// Merges the word counts of every process, so each builds the identical vocabulary (the
/// vocabulary's own order rule, count descending then bytes, applies to the merged counts, and so
/// do --min-count and --max-vocab: a word rare in every share may still be kept overall). Each
/// process sends all the words it counted (after its own pruning while counting, with the same
/// bound everywhere) through one all-gather.
public enum CountExchange {
    /// A `CorpusBuilder.CountMerger` over `group`; a rank that fails before calling it must call
    /// `group.exchange(.failure(...))` instead, so the others do not wait.
    public static func merger(_ group: Communicator) -> CorpusBuilder.CountMerger {
        { words, counts in try merge(words: words, counts: counts, group: group) }
    }

    public static func merge(words: [[UInt8]], counts: [Int64], group: Communicator) throws -> (words: [[UInt8]], counts: [Int64]) {
        let all = try group.exchange(.success(encode(words: words, counts: counts)))
        let table = ByteKeyTable(expectedCount: max(words.count * 2, 1024))
        var merged: [[UInt8]] = [], sums: [Int64] = []
        for payload in all {
            try decode(payload) { word, count in
                var inserted = false
                let e = table.findOrInsert(word, inserted: &inserted)
                if inserted { merged.append(Array(word)); sums.append(count) } else { sums[e] += count }
            }
        }
        return (merged, sums)
    }

    /// Per word: 8-byte count, 4-byte length, the bytes (little-endian).
    static func encode(words: [[UInt8]], counts: [Int64]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(words.reduce(0) { $0 + $1.count + 12 })
        for (w, c) in zip(words, counts) {
            withUnsafeBytes(of: c.littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(w.count).littleEndian) { out.append(contentsOf: $0) }
            out.append(contentsOf: w)
        }
        return out
    }

    static func decode(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer, Int64) throws -> Void) throws {
        try bytes.withUnsafeBytes { raw in
            var i = 0
            while i < raw.count {
                guard i + 12 <= raw.count else { throw DistributedError.transport("word counts: truncated message") }
                let count = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: Int64.self))
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i + 8, as: UInt32.self)))
                i += 12
                guard i + length <= raw.count else { throw DistributedError.transport("word counts: truncated message") }
                try body(UnsafeRawBufferPointer(rebasing: raw[i..<(i + length)]), count)
                i += length
            }
        }
    }
}

/// Checks that every process was started with the same settings: each sends its `key value`
/// lines; any difference from process 0's is refused on every process, naming the first key
/// that differs.
public enum SettingsAgreement {
    public static func check(_ settings: [(key: String, value: String)], group: Communicator) throws {
        let text = settings.map { "\($0.key)\t\($0.value)" }.joined(separator: "\n")
        let all = try group.exchange(.success(Array(text.utf8)))
        let root = parse(all[0])
        for (rank, payload) in all.enumerated().dropFirst() {
            let mine = parse(payload)
            for key in root.keys + mine.keys.filter({ !root.keys.contains($0) }) where root.values[key] != mine.values[key] {
                throw DistributedError.optionsDiffer(rank: rank, key: key, value: mine.values[key] ?? "(absent)",
                                                     rootValue: root.values[key] ?? "(absent)")
            }
        }
    }

    private static func parse(_ payload: [UInt8]) -> (keys: [String], values: [String: String]) {
        var keys: [String] = [], values: [String: String] = [:]
        for line in String(decoding: payload, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            keys.append(key)
            values[key] = parts.count > 1 ? String(parts[1]) : ""
        }
        return (keys, values)
    }
}
