/// Splits a byte buffer into lines (LF or CRLF) and lines into whitespace-separated fields.
enum LineScanner {
    /// Calls `body(lineNumber, fields, line)` for each line; fields are split on ASCII spaces and
    /// tabs, or, with `tabsWhenPresent`, on tabs only in lines that contain one (fields then keep
    /// inner spaces and are trimmed at both ends).
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, tabsWhenPresent: Bool = false,
                            _ body: (Int, [ArraySlice<UInt8>], ArraySlice<UInt8>) throws -> Void) rethrows {
        let all = Array(bytes)
        var lineNumber = 0
        var start = 0
        while start < all.count {
            var end = start
            while end < all.count && all[end] != 10 { end += 1 }
            lineNumber += 1
            var line = all[start..<end]
            if line.last == 13 { line = line.dropLast() }
            let tabs = tabsWhenPresent && line.contains(9)
            var fields: [ArraySlice<UInt8>] = []
            var i = line.startIndex
            while i < line.endIndex {
                if tabs {
                    var j = i
                    while j < line.endIndex && line[j] != 9 { j += 1 }
                    fields.append(trim(line[i..<j]))
                    i = j + 1
                    if j + 1 == line.endIndex { fields.append(line[line.endIndex...]) }
                } else {
                    while i < line.endIndex && (line[i] == 32 || line[i] == 9) { i += 1 }
                    let s = i
                    while i < line.endIndex && !(line[i] == 32 || line[i] == 9) { i += 1 }
                    if s < i { fields.append(line[s..<i]) }
                }
            }
            try body(lineNumber, fields, line)
            start = end + 1
        }
    }

    static func trim(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var a = s.startIndex, b = s.endIndex
        while a < b && (s[a] == 32 || s[a] == 9) { a += 1 }
        while b > a && (s[b - 1] == 32 || s[b - 1] == 9) { b -= 1 }
        return s[a..<b]
    }

    static func isBlank(_ line: ArraySlice<UInt8>) -> Bool { trim(line).isEmpty }
}
