import ArgumentParser
import Corpus
import Foundation

/// Writes a line to standard error.
func printErr(_ message: String) {
    FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
}

/// Runs `body`; any error becomes a one-line `mt2st-embed: error: ...` message and exit status 1.
func runReportingErrors(_ body: () throws -> Void) throws {
    Interruption.install(program: "mt2st-embed")
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        printErr("mt2st-embed: error: \(error)")
        throw ExitCode(1)
    }
}

/// Seconds since creation, from the monotonic wall clock.
struct WallClock {
    let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
