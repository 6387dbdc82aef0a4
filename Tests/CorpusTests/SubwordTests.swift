import XCTest
import Corpus

final class SubwordTests: XCTestCase {
    /// The n-grams themselves, recomputed from characters, to check bucket lists against.
    func ngrams(_ word: String, _ minn: Int, _ maxn: Int) -> [String] {
        let chars = Array("<" + word + ">")
        var out: [String] = []
        for i in 0..<chars.count {
            for n in 1...maxn where i + n <= chars.count && n >= minn {
                if n == 1 && (i == 0 || i + 1 == chars.count) { continue }
                out.append(String(chars[i..<(i + n)]))
            }
        }
        return out
    }

    func fnv(_ s: String) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in s.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    func testBucketsAreFNV1aOfCharacterNgrams() {
        let o = SubwordOptions(minn: 3, maxn: 6, buckets: 2_000_000)
        for word in ["where", "a", "naïve", "日本語テキスト"] {
            let expected = ngrams(word, 3, 6).map { Int(fnv($0) % 2_000_000) }
            XCTAssertEqual(o.buckets(of: word), expected, word)
        }
        // "<where>" has 7 characters: 3-grams <wh whe her ere re>, ..., 6-grams <where where>
        XCTAssertEqual(ngrams("where", 3, 6).count, 5 + 4 + 3 + 2)
        XCTAssertTrue(ngrams("naïve", 3, 3).contains("aïv"))
    }

    func testUnigramsExcludeTheBoundaryMarkers() {
        let o = SubwordOptions(minn: 1, maxn: 1, buckets: 1 << 30)
        XCTAssertEqual(o.buckets(of: "ab"), ["a", "b"].map { Int(fnv($0) % (1 << 30)) })
    }

    func testIndexPutsTheWordRowFirstThenBucketsAfterTheVocabulary() {
        let v = Vocabulary(words: [Array("cat".utf8), Array("dog".utf8)], counts: [3, 2])
        let o = SubwordOptions(minn: 3, maxn: 4, buckets: 100)
        let index = SubwordIndex(vocabulary: v, options: o)
        XCTAssertEqual(index.inputRows, 102)
        XCTAssertEqual(Array(index.rows(of: 1)), [1] + o.buckets(of: "dog").map { Int32(2 + $0) })
        let off = SubwordIndex(vocabulary: v, options: SubwordOptions(minn: 0, maxn: 0, buckets: 100))
        XCTAssertEqual(Array(off.rows(of: 0)), [0])
        XCTAssertEqual(off.inputRows, 2)
    }

    func testOptionValidation() {
        XCTAssertThrowsError(try SubwordOptions(minn: 5, maxn: 3, buckets: 10).validate())
        XCTAssertThrowsError(try SubwordOptions(minn: 3, maxn: 6, buckets: 0).validate())
        XCTAssertNoThrow(try SubwordOptions(minn: 0, maxn: 0, buckets: 0).validate())
    }
}
