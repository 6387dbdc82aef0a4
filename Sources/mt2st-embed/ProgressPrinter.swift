import EmbedBase
import Embeddings
import Foundation

/// The training progress line on stderr: refreshed in place (`\r`) on a terminal, periodic full
/// lines otherwise; plus one line per epoch.
final class ProgressPrinter: EpochObserver {
    let model: String
    let quiet: Bool
    /// What the epoch loss is called (`loss`, GloVe's `cost`).
    let lossName: String
    let terminal = isatty(2) != 0
    private var lineOpen = false
    private var lastEpochEnd = 0.0

    init(model: String, quiet: Bool, lossName: String = "loss") {
        self.model = model
        self.quiet = quiet
        self.lossName = lossName
    }

    /// Seconds between two progress lines.
    var interval: Double { terminal ? 0.25 : 5 }

    func show(_ p: ProgressSnapshot) {
        let line = String(format: "%@ %5.1f%%  epoch %d/%d  alpha %.6f  loss %.4f  %@ words/s/thread  ETA %@",
                          model, p.fraction * 100, min(p.epoch, p.epochs), p.epochs, Double(p.alpha), p.runningLoss,
                          Format.count(p.wordsPerSecondPerThread), Format.seconds(p.etaSeconds))
        if terminal {
            FileHandle.standardError.write(("\r" + line + "\u{1b}[K").data(using: .utf8)!)
            lineOpen = true
        } else {
            printErr(line)
        }
    }

    func epochDidEnd(_ summary: EpochSummary, table: EmbeddingTable) throws {
        closeLine()
        let epochSeconds = summary.seconds - lastEpochEnd
        lastEpochEnd = summary.seconds
        let eta = Double(summary.epochs - summary.epoch) * summary.seconds / Double(summary.epoch)
        printErr(String(format: "epoch %d/%d: %@ %.6f, alpha %.6f, %@ (%@ elapsed), ETA %@", summary.epoch, summary.epochs,
                        lossName, summary.loss, Double(summary.alpha), Format.seconds(epochSeconds),
                        Format.seconds(summary.seconds), Format.seconds(eta)))
    }

    func finish() { closeLine() }

    private func closeLine() {
        if lineOpen { FileHandle.standardError.write("\r\u{1b}[K".data(using: .utf8)!); lineOpen = false }
    }
}
