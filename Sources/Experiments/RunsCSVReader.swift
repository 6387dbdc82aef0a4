import Foundation

/// A `runs.csv` that cannot be read back.
public struct RunsFileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let line: Int
    public let reason: String
    public var description: String { line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)" }
}

/// Reads `runs.csv` files (as written by `RunsCSV`) back into runs, so that `report` can redraw
/// the table and the charts — with another tolerance, or merging runs made separately — without
/// training again.
public enum RunsCSVReader {
    /// Splits RFC 4180 text into records of fields, with the line each record starts on.
    static func records(_ text: String) -> [(line: Int, fields: [String])] {
        var out: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false, atFieldStart = true
        var line = 1, recordLine = 1
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case ",":
                fields.append(field); field = ""; atFieldStart = true
            case "\n", "\r\n":
                fields.append(field); field = ""; atFieldStart = true
                if !(fields.count == 1 && fields[0].isEmpty) { out.append((recordLine, fields)) }
                fields = []
                line += 1
                recordLine = line
            default:
                field.append(c)
                atFieldStart = false
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            out.append((recordLine, fields))
        }
        return out
    }

    public static func read(path: String) throws -> [RunRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunsFileError(path: path, line: 0, reason: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RunsFileError(path: path, line: 0, reason: "not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws -> [RunRecord] {
        let rows = records(text)
        guard let header = rows.first else { throw RunsFileError(path: path, line: 0, reason: "empty file") }
        guard header.fields == RunsCSV.header || header.fields == RunsCSV.legacyHeader else {
            throw RunsFileError(path: path, line: header.line,
                                reason: "not a runs.csv header (expected \(RunsCSV.header.joined(separator: ",")))")
        }
        var runs: [RunRecord] = []
        let names = header.fields
        let column = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        for (line, f) in rows.dropFirst() {
            guard f.count == names.count else {
                throw RunsFileError(path: path, line: line, reason: "expected \(names.count) fields, found \(f.count)")
            }
            func number(_ i: Int) throws -> Double {
                if f[i].isEmpty { return .nan }
                guard let x = Double(f[i]) else {
                    throw RunsFileError(path: path, line: line, reason: "\(names[i]) is not a number: '\(f[i])'")
                }
                return x
            }
            /// The value of a named column (NaN when the file predates it).
            func number(_ name: String) throws -> Double { try column[name].map(number) ?? .nan }
            guard let seed = UInt64(f[2]) else {
                throw RunsFileError(path: path, line: line, reason: "seed is not a whole number: '\(f[2])'")
            }
            if runs.last.map({ $0.model != f[0] || $0.strategy != f[1] || $0.seed != seed || $0.failure != nil }) ?? true {
                runs.append(RunRecord(model: f[0], strategy: f[1], seed: seed))
            }
            if !f[3].isEmpty {
                guard let epoch = Int(f[3]), epoch == runs[runs.count - 1].epochs.count + 1 else {
                    throw RunsFileError(path: path, line: line, reason: "epoch '\(f[3])' out of sequence")
                }
                var e = EpochRecord(epoch: epoch, primaryLoss: try number(4))
                e.analogyLoss = try number("analogy_loss")
                e.similarityLoss = try number("similarity_loss")
                e.analogyGamma = try number("gamma_analogy")
                e.similarityGamma = try number("gamma_similarity")
                e.dev = AnalogyScores(total: try number("dev_total"), semantic: try number("dev_semantic"), syntactic: try number("dev_syntactic"))
                e.test = AnalogyScores(total: try number("test_total"), semantic: try number("test_semantic"), syntactic: try number("test_syntactic"))
                e.similaritySpearman = try number("similarity_spearman")
                e.extraSimilaritySpearman = try number("extra_similarity_spearman")
                e.primaryFlops = try number("flops_primary")
                e.analogyFlops = try number("flops_analogy")
                e.similarityFlops = try number("flops_similarity")
                e.primarySeconds = try number("seconds_primary")
                e.auxiliarySeconds = try number("seconds_auxiliary")
                e.evaluationSeconds = try number("seconds_evaluation")
                runs[runs.count - 1].epochs.append(e)
            }
            if let failure = column["failure"], !f[failure].isEmpty { runs[runs.count - 1].failure = f[failure] }
        }
        if runs.isEmpty { throw RunsFileError(path: path, line: 0, reason: "no runs (only the header)") }
        return runs
    }
}
