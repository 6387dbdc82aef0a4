/// Upper-cases words the way Python's `str.upper()` does (gensim's `case_insensitive=True`): ASCII
/// bytes directly, anything else through Unicode's full upper-case mapping.
public enum CaseFolding {
    public static func upper(_ word: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var ascii = true
        for b in word where b >= 0x80 { ascii = false; break }
        if ascii {
            return word.map { $0 &- 97 < 26 ? $0 &- 32 : $0 }
        }
        return Array(String(decoding: word, as: UTF8.self).uppercased().utf8)
    }

    public static func upper(_ word: [UInt8]) -> [UInt8] { word.withUnsafeBufferPointer { upper($0) } }
}
