/// Splits a byte stream into tokens on ASCII whitespace, byte-level, without decoding.
///
/// - Any byte other than space, \t, \n, \v, \f, \r belongs to a token, so UTF-8 (valid or not)
///   passes through untouched.
/// - A token longer than `maxTokenBytes` is cut at a UTF-8 character boundary (never inside a
///   multi-byte character); the rest of it is dropped, as word2vec does.
/// - A newline ends a sentence; a line of more than `maxSentenceTokens` tokens is split into
///   several sentences, never dropped.
///
/// Feed it chunks with `feed`, then call `finish`. Tokens inside one chunk are passed without
/// copying; only a token straddling two chunks is assembled in a small carry buffer.
public struct Tokenizer {
    public let maxTokenBytes: Int
    public let maxSentenceTokens: Int
    @usableFromInline var carry: [UInt8]
    @usableFromInline var carryOverflowed = false
    @usableFromInline var tokensInSentence = 0

    public init(maxTokenBytes: Int = 100, maxSentenceTokens: Int = 10_000) {
        precondition(maxTokenBytes >= 4 && maxSentenceTokens >= 1)
        self.maxTokenBytes = maxTokenBytes
        self.maxSentenceTokens = maxSentenceTokens
        carry = []
        carry.reserveCapacity(maxTokenBytes + 4)
    }

    @inlinable @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0d)
    }

    /// The longest prefix of `count` bytes at `p` that is at most `maxTokenBytes` long and does not
    /// end inside a UTF-8 character.
    @inlinable
    func cutLength(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
        if count <= maxTokenBytes { return count }
        var n = maxTokenBytes
        // Step back while the first dropped byte is a continuation byte (10xxxxxx).
        while n > 0 && (p[n] & 0xc0) == 0x80 { n -= 1 }
        return n
    }

    @inlinable @inline(__always)
    mutating func emit(_ p: UnsafePointer<UInt8>, _ count: Int,
                       _ onToken: (UnsafeRawBufferPointer) -> Void, _ onSentenceEnd: () -> Void) {
        let n = cutLength(p, count)
        guard n > 0 else { return }
        onToken(UnsafeRawBufferPointer(start: p, count: n))
        tokensInSentence += 1
        if tokensInSentence >= maxSentenceTokens {
            tokensInSentence = 0
            onSentenceEnd()
        }
    }

    @inlinable @inline(__always)
    mutating func endLine(_ onSentenceEnd: () -> Void) {
        if tokensInSentence > 0 {
            tokensInSentence = 0
            onSentenceEnd()
        }
    }

    @inlinable
    mutating func flushCarry(_ onToken: (UnsafeRawBufferPointer) -> Void, _ onSentenceEnd: () -> Void) {
        guard !carry.isEmpty else { return }
        let local = carry
        carry.removeAll(keepingCapacity: true)
        carryOverflowed = false
        local.withUnsafeBufferPointer { emit($0.baseAddress!, $0.count, onToken, onSentenceEnd) }
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer,
                              onToken: (UnsafeRawBufferPointer) -> Void,
                              onSentenceEnd: () -> Void) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let end = chunk.count
        var i = 0
        // Finish a token carried over from the previous chunk.
        if !carry.isEmpty {
            while i < end && !Tokenizer.isSpace(base[i]) { i += 1 }
            appendCarry(base, i)
            if i == end { return }
            flushCarry(onToken, onSentenceEnd)
        }
        while i < end {
            let b = base[i]
            if Tokenizer.isSpace(b) {
                if b == 0x0a { endLine(onSentenceEnd) }
                i += 1
                continue
            }
            let start = i
            i += 1
            while i < end && !Tokenizer.isSpace(base[i]) { i += 1 }
            if i == end {
                appendCarry(base + start, i - start)
                return
            }
            emit(base + start, i - start, onToken, onSentenceEnd)
        }
    }

    @inlinable
    mutating func appendCarry(_ p: UnsafePointer<UInt8>, _ count: Int) {
        // Keep at most maxTokenBytes + 4 bytes: enough to find the cut point; the rest is dropped.
        let room = maxTokenBytes + 4 - carry.count
        if count > room { carryOverflowed = true }
        let take = min(room, count)
        if take > 0 { carry.append(contentsOf: UnsafeBufferPointer(start: p, count: take)) }
    }

    /// Emits the last token and ends the last sentence.
    public mutating func finish(onToken: (UnsafeRawBufferPointer) -> Void, onSentenceEnd: () -> Void) {
        flushCarry(onToken, onSentenceEnd)
        endLine(onSentenceEnd)
    }
}
