import EmbedBase
import ArgumentParser
import Corpus
import Embeddings

extension GloVeOptions.OutputVectors: ExpressibleByArgument {}

/// The options only GloVe has (`train --model glove`).
struct GloVeOptionGroup: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "GloVe: cut-off of the weighting function f(x) = min(1, (x / x-max)^glove-alpha); the reference's default is 100, its demo uses 10 on small corpora.")
    var xMax: Double = 100

    @Option(name: .long, parsing: .unconditional, help: "GloVe: exponent of the weighting function.")
    var gloveAlpha: Double = 0.75

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("GloVe: memory budget in GB for co-occurrence counting and shuffling; pairs that do not fit are sorted and spilled to temporary files, then merged.", valueName: "GB"))
    var memory: Double = 2

    @Option(name: .long, help: ArgumentHelp("GloVe: folder for the temporary files (default: $TMPDIR, else /tmp); they are unlinked at creation, so nothing is left behind.", valueName: "dir"))
    var tempDir: String?

    @Option(name: .long, help: "GloVe: vectors to write: sum (W + W~, the reference's -model 2) or word (W alone, -model 1).")
    var gloveOutput: GloVeOptions.OutputVectors = .sum

    /// Fills the GloVe-only fields of `options`.
    func apply(to options: inout GloVeOptions) throws {
        guard memory > 0, memory.isFinite, memory < 1_000_000 else {
            throw GloVeError.invalidOption("--memory must be a positive number of GB (got \(memory))")
        }
        options.xMax = xMax
        options.alpha = gloveAlpha
        options.memoryBytes = Int(memory * 1_073_741_824)
        if let physical = MemoryLimit.physicalBytes, options.memoryBytes > physical {
            throw GloVeError.invalidOption("--memory \(memory) GB is more than this machine's \(MemoryLimit.format(physical)) of memory")
        }
        if let tempDir { options.temporaryDirectory = tempDir }
        options.output = gloveOutput
    }
}
