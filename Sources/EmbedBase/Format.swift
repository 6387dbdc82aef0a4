import Foundation

/// Numbers as the suite prints them in messages, tables and reports.
public enum Format {
    /// `x` with `decimals` digits after the point (`%.Nf`); `missing` when there is no finite value.
    public static func fixed(_ x: Double?, _ decimals: Int = 1, missing: String = "–") -> String {
        guard let x, x.isFinite else { return missing }
        return String(format: "%.\(decimals)f", x)
    }

    /// A duration: "12.3 s", "4m05s", "2h07m".
    public static func seconds(_ s: Double) -> String {
        if s < 60 { return String(format: "%.1f s", s) }
        let t = Int(s.rounded())
        return t < 3600 ? "\(t / 60)m\(String(format: "%02d", t % 60))s" : "\(t / 3600)h\(String(format: "%02d", t / 60 % 60))m"
    }

    /// A count or rate: "950", "12.3k", "1.25M".
    public static func count(_ x: Double) -> String {
        if x >= 1e6 { return String(format: "%.2fM", x / 1e6) }
        if x >= 1e3 { return String(format: "%.1fk", x / 1e3) }
        return String(format: "%.0f", x)
    }

    /// A size: "512.0 KiB", "12.5 MiB", "1.25 GiB".
    public static func bytes(_ n: Int) -> String {
        let x = Double(n)
        if x >= 1_073_741_824 { return String(format: "%.2f GiB", x / 1_073_741_824) }
        if x >= 1_048_576 { return String(format: "%.1f MiB", x / 1_048_576) }
        return String(format: "%.1f KiB", x / 1024)
    }

    /// A size in whole MiB, rounded to the nearest: "12 MiB".
    public static func mebibytes(_ n: Int) -> String { "\((n + 524_288) / 1_048_576) MiB" }
}
