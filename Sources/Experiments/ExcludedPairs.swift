import Foundation
import EmbedBase
import Evaluation

/// The word pairs of evaluation files, which auxiliary training must never see (`--exclude-pairs`).
/// An analogy file (`: section` headers or `a b c d` lines) gives its pairs (a, b) and (c, d); a
/// similarity file (`word1 word2 score`) its pairs. Pairs are unordered and case-folded.
public struct ExcludedPairs {
    public struct File {
        public var path: String
        public var kind: String
        /// The file's distinct unordered pairs (`PairKey`s), in file order.
        public var pairs: [PairKey]
    }

    public var files: [File]
    public let all: Set<PairKey>

    public init(files: [File]) {
        self.files = files
        all = Set(files.flatMap(\.pairs))
    }

    public func contains(_ a: String, _ b: String) -> Bool { all.contains(PairKey(a, b)) }

    /// Reads the files (format detected from the first non-comment line: 4 fields or a `:` header
    /// is an analogy file, else a similarity file); malformed files are errors naming the line.
    public static func load(paths: [String]) throws -> ExcludedPairs {
        try ExcludedPairs(files: paths.map(loadFile))
    }

    static func loadFile(_ path: String) throws -> File {
        let file = try ByteFile(path: path)
        var keys: [PairKey] = []
        var kind = "similarity"
        if looksLikeAnalogies(file.bytes) {
            kind = "analogy"
            for section in try AnalogySet.parse(file.bytes, path: path).sections {
                for q in section.questions {
                    keys.append(PairKey(String(decoding: q.a, as: UTF8.self), String(decoding: q.b, as: UTF8.self)))
                    keys.append(PairKey(String(decoding: q.c, as: UTF8.self), String(decoding: q.d, as: UTF8.self)))
                }
            }
        } else {
            for p in try SimilaritySet.parse(file.bytes, path: path).pairs {
                keys.append(PairKey(String(decoding: p.first, as: UTF8.self), String(decoding: p.second, as: UTF8.self)))
            }
        }
        var seen = Set<PairKey>()
        return File(path: path, kind: kind, pairs: keys.filter { seen.insert($0).inserted })
    }

    static func looksLikeAnalogies(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            var end = i
            while end < bytes.count && bytes[end] != 10 { end += 1 }
            let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            i = end + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix(":") { return true }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            return fields.count == 4
        }
        return false
    }
}

/// An unordered, lower-cased word pair.
public struct PairKey: Hashable, Sendable {
    public let first: String, second: String
    public init(_ a: String, _ b: String) {
        let x = a.lowercased(), y = b.lowercased()
        first = min(x, y)
        second = max(x, y)
    }
}
