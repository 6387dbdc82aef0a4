import XCTest
import Foundation
import Corpus

final class CorpusSourceTests: XCTestCase {
    func read(_ source: CorpusSource, chunkSize: Int = 4096) throws -> [UInt8] {
        var out: [UInt8] = []
        try source.reader(chunkSize: chunkSize).forEachChunk { out.append(contentsOf: $0) }
        return out
    }

    func testLineRangesCoverEveryLineExactlyOnce() throws {
        let dir = TemporaryDirectory()
        var rng = Xoshiro256(seed: 11)
        var text = ""
        for i in 0..<900 {
            // Lines of very different lengths, some longer than a read chunk, some empty.
            let n = i % 50 == 0 ? 1500 : Int(rng.below(30))
            text += (0..<n).map { _ in "w\(rng.below(100))" }.joined(separator: " ") + "\n"
        }
        text += "last line without newline"
        let path = dir.file("c.txt", text)
        let bytes = Array(text.utf8), total = Int64(bytes.count)
        for parts in [1, 2, 3, 7, 64] {
            var joined: [UInt8] = []
            for k in 0..<parts {
                let range = total * Int64(k) / Int64(parts) ..< total * Int64(k + 1) / Int64(parts)
                let share = try read(.lines(path, range))
                joined += share
            }
            XCTAssertEqual(joined, bytes, "\(parts) parts")
        }
    }

    func testARangeInsideOneLineIsEmptyAndBoundariesOnNewlinesAreExact() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("c.txt", "aaaa bbbb\ncc\ndd\n")
        XCTAssertEqual(try read(.lines(path, 2..<5)), [])                       // inside the first line
        XCTAssertEqual(String(decoding: try read(.lines(path, 0..<10)), as: UTF8.self), "aaaa bbbb\n")
        XCTAssertEqual(String(decoding: try read(.lines(path, 10..<11)), as: UTF8.self), "cc\n")
        XCTAssertEqual(String(decoding: try read(.lines(path, 1..<11)), as: UTF8.self), "cc\n")
        XCTAssertEqual(String(decoding: try read(.lines(path, 11..<16)), as: UTF8.self), "dd\n")
    }

    func testAGzipFileCannotBeSplit() throws {
        let dir = TemporaryDirectory()
        let path = dir.gzipFile("c.txt", Array("a b c\n".utf8))
        XCTAssertThrowsError(try read(.lines(path, 0..<3))) { error in
            XCTAssertEqual(error as? CorpusError, .cannotSplitGzip(path: path))
            XCTAssertTrue("\(error)".contains("split"), "\(error)")
        }
    }

    func testResolveExpandsDirectoriesSortedAndRefusesBadInputs() throws {
        let dir = TemporaryDirectory()
        let shards = dir.path + "/shards"
        try FileManager.default.createDirectory(atPath: shards + "/nested", withIntermediateDirectories: true)
        for name in ["b.txt", "a.txt.gz", ".hidden", "c"] { FileManager.default.createFile(atPath: shards + "/" + name, contents: Data("x\n".utf8)) }
        let single = dir.file("one.txt", "y\n")
        XCTAssertEqual(try CorpusSource.resolve([single, shards, "-"]),
                       [.file(single), .file(shards + "/a.txt.gz"), .file(shards + "/b.txt"), .file(shards + "/c"), .standardInput])
        XCTAssertThrowsError(try CorpusSource.resolve([dir.path + "/missing.txt"])) {
            XCTAssertTrue("\($0)".hasPrefix(dir.path + "/missing.txt: cannot open"), "\($0)")
        }
        XCTAssertThrowsError(try CorpusSource.resolve([shards + "/nested"])) {
            XCTAssertTrue("\($0)".contains("directory holds no corpus file"), "\($0)")
        }
        XCTAssertThrowsError(try CorpusSource.resolve([single, single])) {
            XCTAssertTrue("\($0)".contains("more than once"), "\($0)")
        }
        XCTAssertThrowsError(try CorpusSource.resolve(["-", "-"]))
    }

    func testSeveralSourcesBuildTheCorpusOfTheirConcatenation() throws {
        let dir = TemporaryDirectory()
        var rng = Xoshiro256(seed: 5)
        var parts: [String] = []
        for _ in 0..<3 {
            var text = ""
            for _ in 0..<400 { text += (0..<15).map { _ in "w\(rng.below(200))" }.joined(separator: " ") + "\n" }
            parts.append(text)
        }
        // The middle part is gzip and has no final newline: a file boundary still ends the sentence.
        let a = dir.file("a.txt", parts[0])
        let b = dir.gzipFile("b.txt", Array(parts[1].dropLast().utf8))
        let c = dir.file("c.txt", parts[2])
        var options = CorpusOptions()
        options.minCount = 2
        let whole = try CorpusBuilder.build(path: dir.file("all.txt", parts.joined()), options: options)
        let split = try CorpusBuilder.build(sources: [.file(a), .file(b), .file(c)], options: options)
        XCTAssertEqual(Array(split.encoded.ids), Array(whole.encoded.ids))
        XCTAssertEqual(split.vocabulary.counts, whole.vocabulary.counts)
        XCTAssertEqual(split.statistics.corpusTokens, 18_000)
    }

    func testCountMergerDecidesTheVocabulary() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("c.txt", "a a b\n")
        var options = CorpusOptions()
        options.minCount = 3
        // Alone no word reaches 3; with another reader's counts (a +1, b +3, z 5) all three do.
        var seen: [String] = []
        let built = try CorpusBuilder.build(sources: [.file(path)], options: options) { words, counts in
            seen = words.map { String(decoding: $0, as: UTF8.self) }
            let extra: [String: Int64] = ["a": 1, "b": 3]
            return (words + [Array("z".utf8)],
                    zip(words, counts).map { $1 + extra[String(decoding: $0, as: UTF8.self), default: 0] } + [5])
        }
        XCTAssertEqual(seen.sorted(), ["a", "b"])
        let v = built.vocabulary
        XCTAssertEqual((0..<v.size).map(v.word), ["z", "b", "a"])
        XCTAssertEqual(v.counts, [5, 4, 3])
        XCTAssertEqual(Array(built.encoded.ids), [2, 2, 1, EncodedCorpus.sentenceEnd])
    }
}
