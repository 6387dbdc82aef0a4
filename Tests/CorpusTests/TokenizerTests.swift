import XCTest
@testable import Corpus

final class TokenizerTests: XCTestCase {
    func tokens(_ text: [UInt8], chunk: Int, maxTokenBytes: Int = 100, maxSentence: Int = 10_000) -> [[String]] {
        var t = Tokenizer(maxTokenBytes: maxTokenBytes, maxSentenceTokens: maxSentence)
        var sentences: [[String]] = []
        var current: [String] = []
        let onToken: (UnsafeRawBufferPointer) -> Void = { current.append(String(decoding: $0, as: UTF8.self)) }
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

    func testSplitsOnWhitespaceAndNewlinesWhateverTheChunkSize() {
        let text = Array("the quick\tbrown  fox\n\njumps over\r\nthe lazy dog".utf8)
        for chunk in [1, 2, 3, 5, 7, 100] {
            XCTAssertEqual(tokens(text, chunk: chunk),
                           [["the", "quick", "brown", "fox"], ["jumps", "over"], ["the", "lazy", "dog"]], "chunk \(chunk)")
        }
    }
}
