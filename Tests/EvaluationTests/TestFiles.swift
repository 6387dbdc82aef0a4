import Foundation

/// A fresh temporary directory per test, removed at deinit.
final class TempDirectory {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("mt2st-eval-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` and returns the path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, Data(text.utf8)) }

    @discardableResult
    func write(_ name: String, _ data: Data) -> String {
        let path = url.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: data)
        return path
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// word2vec binary bytes: header, then `word ` + little-endian float32s + `\n` per row.
func word2vecBinary(_ rows: [(String, [Float])]) -> Data {
    var data = Data("\(rows.count) \(rows.first?.1.count ?? 0)\n".utf8)
    for (word, values) in rows {
        data.append(contentsOf: Array(word.utf8))
        data.append(32)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        data.append(10)
    }
    return data
}

/// word2vec text: header plus `word v1 ... vD` lines.
func word2vecText(_ rows: [(String, [Float])], header: Bool = true) -> String {
    var s = header ? "\(rows.count) \(rows.first?.1.count ?? 0)\n" : ""
    for (word, values) in rows { s += word + " " + values.map { "\($0)" }.joined(separator: " ") + "\n" }
    return s
}
