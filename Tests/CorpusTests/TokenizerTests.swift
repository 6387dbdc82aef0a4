import XCTest
@testable import Corpus

final class TokenizerTests: XCTestCase {
    func tokens(_ text: [UInt8], chunk: Int) -> [[String]] {
        tokenize(text, chunk: chunk).map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    func testSplitsOnWhitespaceAndNewlinesWhateverTheChunkSize() {
        let text = Array("the quick\tbrown  fox\n\njumps over\r\nthe lazy dog".utf8)
        for chunk in [1, 2, 3, 5, 7, 100] {
            XCTAssertEqual(tokens(text, chunk: chunk),
                           [["the", "quick", "brown", "fox"], ["jumps", "over"], ["the", "lazy", "dog"]], "chunk \(chunk)")
        }
    }
}

/// Sentences of tokens, feeding `text` to a tokenizer `chunk` bytes at a time.
func tokenize(_ text: [UInt8], chunk: Int, maxTokenBytes: Int = 100, maxSentence: Int = 10_000) -> [[[UInt8]]] {
    var t = Tokenizer(maxTokenBytes: maxTokenBytes, maxSentenceTokens: maxSentence)
    var sentences: [[[UInt8]]] = []
    var current: [[UInt8]] = []
    let onToken: (UnsafeRawBufferPointer) -> Void = { current.append(Array($0)) }
    let onEnd = { sentences.append(current); current = [] }
    var i = 0
    while i < text.count {
        let slice = Array(text[i..<min(text.count, i + chunk)])
        slice.withUnsafeBytes { t.feed($0, onToken: onToken, onSentenceEnd: onEnd) }
        i += chunk
    }
    t.finish(onToken: onToken, onSentenceEnd: onEnd)
    return sentences
}

final class TokenizerLimitTests: XCTestCase {
    func collect(_ text: [UInt8], chunk: Int, maxTokenBytes: Int = 100, maxSentence: Int = 10_000) -> [[[UInt8]]] {
        tokenize(text, chunk: chunk, maxTokenBytes: maxTokenBytes, maxSentence: maxSentence)
    }

    func testLongTokenIsCutAtACharacterBoundary() {
        // 3 ASCII bytes then two-byte characters: a cut at 8 bytes would split a character.
        let word = Array("abc".utf8) + Array(String(repeating: "é", count: 10).utf8)
        for chunk in [1, 3, 64] {
            let s = collect(word + Array(" next".utf8), chunk: chunk, maxTokenBytes: 8)
            XCTAssertEqual(s.count, 1)
            XCTAssertEqual(s[0][0], Array("abcéé".utf8), "chunk \(chunk)") // 7 bytes, not 8
            XCTAssertNotNil(String(validatingUTF8: s[0][0].map { CChar(bitPattern: $0) } + [0]))
            XCTAssertEqual(s[0][1], Array("next".utf8))
        }
    }

    func testLongLinesAreSplitNotDropped() {
        let line = (0..<25).map { "w\($0)" }.joined(separator: " ") + "\nlast\n"
        let s = collect(Array(line.utf8), chunk: 5, maxSentence: 10)
        XCTAssertEqual(s.map(\.count), [10, 10, 5, 1])
    }

    func testInvalidUTF8PassesThroughByteForByte() {
        let bytes: [UInt8] = [0xff, 0xfe, 0x61, 0x20, 0xc3, 0x0a, 0x80, 0x80]
        let s = collect(bytes, chunk: 3)
        XCTAssertEqual(s, [[[0xff, 0xfe, 0x61], [0xc3]], [[0x80, 0x80]]])
    }
}
