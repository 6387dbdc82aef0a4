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

    /// fastText's `Dictionary::hash`: FNV-1a over bytes sign-extended through `int8_t`.
    func fnv(_ s: String) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in s.utf8 { h = (h ^ UInt32(bitPattern: Int32(Int8(bitPattern: b)))) &* 16_777_619 }
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

    /// Bucket numbers of non-ASCII n-grams as gensim 4.4's `ft_ngram_hashes(word, 3, 4, 2000000)`
    /// computes them (fastText's signed-byte hash; an unsigned hash gives other buckets here).
    func testNonASCIIBucketsAreFastTextsAndGensims() {
        let o = SubwordOptions(minn: 3, maxn: 4, buckets: 2_000_000)
        XCTAssertEqual(o.buckets(of: "été"), [1_908_133, 59_617, 187_927, 196_363, 1_291_535])
        XCTAssertEqual(o.buckets(of: "naïve"), [1_806_890, 1_907_692, 1_590_546, 1_719_404, 356_832, 1_223_007,
                                               1_711_570, 1_788_548, 1_088_654])
        XCTAssertEqual(o.buckets(of: "日本"), [758_587, 1_313_759, 196_157])
        // ASCII: the same with either hash.
        XCTAssertEqual(o.buckets(of: "cat"), ngrams("cat", 3, 4).map { Int(fnv($0) % 2_000_000) })
    }

    func testEndOfSentenceTokenHasNoNgramsInTheIndex() {
        let v = Vocabulary(words: [Array("</s>".utf8), Array("cat".utf8)], counts: [9, 3])
        let index = SubwordIndex(vocabulary: v, options: SubwordOptions(minn: 3, maxn: 4, buckets: 100))
        XCTAssertEqual(Array(index.rows(of: 0)), [0])
        XCTAssertEqual(index.rows(of: 1).count, 1 + SubwordOptions(minn: 3, maxn: 4, buckets: 100).buckets(of: "cat").count)
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
