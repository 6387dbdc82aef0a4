/// A minimal JSON writer that keeps keys in insertion order (for readable, stable reports).
indirect enum JSONValue {
    case string(String)
    case int(Int)
    /// nil renders as null (e.g. an accuracy with nothing answered).
    case number(Double?)
    case array([JSONValue])
    case object(JSONObject)

    var rendered: String {
        switch self {
        case .string(let s): return JSONValue.quote(s)
        case .int(let i): return String(i)
        case .number(let d):
            guard let d, d.isFinite else { return "null" }
            return "\(d)"
        case .array(let items): return "[" + items.map(\.rendered).joined(separator: ", ") + "]"
        case .object(let o):
            return "{" + o.entries.map { JSONValue.quote($0.key) + ": " + $0.value.rendered }.joined(separator: ", ") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// Ordered key/value pairs; assigning an existing key replaces its value in place.
struct JSONObject {
    var entries: [(key: String, value: JSONValue)] = []

    subscript(key: String) -> JSONValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }
}
