/// File-name prefixes of the charts, derived from model names read from data (a runs.csv): only
/// ASCII letters, digits, '-' and '_' are kept (anything else, '/' and '.' included, becomes '_'),
/// at most 64 characters, never empty, and made unique (`-2`, `-3`...) when two models map to the
/// same prefix. So a chart always lands inside the report folder, whatever the CSV says.
public enum ChartFileNames {
    public static func prefix(_ model: String) -> String {
        var out = ""
        for scalar in model.unicodeScalars.prefix(64) {
            let c = Character(scalar)
            out.append(scalar.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_") ? c : "_")
        }
        return out.isEmpty ? "model" : out
    }

    /// One distinct prefix per model, in order.
    public static func prefixes(_ models: [String]) -> [String] {
        var used = Set<String>()
        return models.map { model in
            let base = prefix(model)
            var name = base
            var n = 1
            while used.contains(name) {
                n += 1
                name = "\(base)-\(n)"
            }
            used.insert(name)
            return name
        }
    }
}
