import EmbedBase
import ArgumentParser
import Foundation

/// Writes a line to standard error (information: muted on the non-root processes of a distributed run).
func printErr(_ message: String) {
    if !informationMuted { printError(message) }
}

/// Writes a line to standard error, always (errors).
func printError(_ message: String) {
    FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
}

/// Runs `body`; any error becomes a one-line `mt2st-embed: error: ...` message and exit status 1.
func runReportingErrors(_ body: () throws -> Void) throws {
    defer { DistributedRun.endCurrent() } // after the error line: mpirun may end process 0 once another exits
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch where DistributedRun.isSilenced(error) {
        throw ExitCode(1)
    } catch {
        printError("mt2st-embed: error: \(error)")
        throw ExitCode(1)
    }
}

/// Seconds since creation, from the monotonic wall clock.
struct WallClock {
    let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

enum PeakMemory {
    /// VmHWM from /proc/self/status (Linux), in MiB.
    static func residentMiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 / 1024 }
        }
        return nil
    }
}
