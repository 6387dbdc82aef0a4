#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EmbedBase

/// The machine's memory, to refuse before allocating what cannot fit (an allocation beyond RAM +
/// swap would trap or be killed, after the corpus was read).
public enum MemoryLimit {
    /// Physical memory in bytes (nil when unknown).
    public static var physicalBytes: Int? {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return nil }
        return pages.multipliedReportingOverflow(by: size).overflow ? Int.max : pages * size
    }

    /// Physical memory plus swap (nil when unknown).
    public static var totalBytes: Int? {
        guard let physical = physicalBytes else { return nil }
        return physical.addingReportingOverflow(swapBytes).overflow ? Int.max : physical + swapBytes
    }

    /// SwapTotal from /proc/meminfo (0 when unknown).
    static var swapBytes: Int {
        guard let file = fopen("/proc/meminfo", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(cString: line)
            if text.hasPrefix("SwapTotal:"), let kb = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
                return kb * 1024
            }
        }
        return 0
    }

    /// Throws if `bytes` (for `what`) exceed the machine's memory and swap; `advice` says what to lower.
    public static func check(_ bytes: Int, for what: String, advice: String) throws {
        guard let total = totalBytes, bytes > total else { return }
        throw CorpusError.invalidOption("\(what) needs \(format(bytes)), more than this machine's \(format(total)) of memory and swap: \(advice)")
    }

    public static func format(_ bytes: Int) -> String {
        let gb = Double(bytes) / Double(1 << 30)
        return gb >= 1 ? "\((gb * 10).rounded() / 10) GB" : "\(bytes >> 20) MB"
    }
}
