/// Tokens and line ends of a block of text: tokens are separated by ASCII whitespace (as in
/// `Tokenizer`), kept byte for byte (never cut); every newline ends a line, and the block's end
/// ends its last line.
enum LineTokens {
    /// Calls `body(token, false)` for each token and `body(nil, true)` at each line end (empty
    /// lines included).
    @inline(__always)
    static func forEach(_ block: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer?, Bool) -> Void) {
        guard let base = block.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let end = block.count
        var i = 0
        var lineOpen = false
        while i < end {
            let b = base[i]
            if Tokenizer.isSpace(b) {
                if b == 0x0a { body(nil, true); lineOpen = false }
                i &+= 1
                continue
            }
            let start = i
            i &+= 1
            while i < end && !Tokenizer.isSpace(base[i]) { i &+= 1 }
            body(UnsafeRawBufferPointer(start: base + start, count: i &- start), false)
            lineOpen = true
        }
        if lineOpen { body(nil, true) }
    }
}

/// Cuts a stream of chunks into blocks of whole lines (each ends with a newline, except perhaps
/// the last one of the stream). A line longer than `maxLine` bytes is broken at its last
/// whitespace (or, with none, where it stands), so memory stays bounded.
struct LineBlocker {
    var carry: [UInt8] = []
    let maxLine: Int

    init(maxLine: Int = 64 << 20) { self.maxLine = maxLine }

    /// Appends `chunk`; calls `emit` with the whole lines now available, as one block.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ emit: ([UInt8]) throws -> Void) rethrows {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), chunk.count > 0 else { return }
        var last = chunk.count - 1
        while last >= 0 && base[last] != 0x0a { last -= 1 }
        if last < 0 {
            carry.append(contentsOf: UnsafeBufferPointer(start: base, count: chunk.count))
            if carry.count > maxLine {
                var cut = carry.count - 1
                while cut > 0 && !Tokenizer.isSpace(carry[cut]) { cut -= 1 }
                var block: [UInt8]
                if cut > 0 {
                    block = Array(carry[..<cut])
                    carry.removeFirst(cut + 1)
                } else {
                    block = carry
                    carry = []
                }
                block.append(0x0a)
                try emit(block)
            }
            return
        }
        var block = carry
        carry = []
        block.append(contentsOf: UnsafeBufferPointer(start: base, count: last + 1))
        if last + 1 < chunk.count {
            carry.append(contentsOf: UnsafeBufferPointer(start: base + last + 1, count: chunk.count - last - 1))
        }
        try emit(block)
    }

    /// The last, unterminated line, if any.
    mutating func finish(_ emit: ([UInt8]) throws -> Void) rethrows {
        guard !carry.isEmpty else { return }
        let block = carry
        carry = []
        try emit(block)
    }
}
