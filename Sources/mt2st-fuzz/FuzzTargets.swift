#if canImport(Glibc)
import Glibc
#endif
import Corpus
import Embeddings
import Evaluation
import Experiments

/// The readers of untrusted files, each as a fuzz target: the bytes are written to a scratch file
/// and read back through the same entry point the commands use. A thrown error is a correct
/// answer (bad input is reported); a trap, a sanitizer report or a hang is a bug.
enum FuzzTargets {
    static let all: [(name: String, run: (String) throws -> Void)] = [
        ("corpus", { path in
            // The reader (plain or gzip, in small chunks so that members and tokens straddle
            // chunk boundaries) and the tokeniser, as `CorpusBuilder` drives them.
            var tokenizer = Tokenizer(maxTokenBytes: 16, maxSentenceTokens: 8)
            var tokens = 0, sentences = 0
            try CorpusReader(path: path, chunkSize: 61).forEachChunk { chunk in
                tokenizer.feed(chunk, onToken: { tokens += $0.count }, onSentenceEnd: { sentences += 1 })
            }
            tokenizer.finish(onToken: { tokens += $0.count }, onSentenceEnd: { sentences += 1 })
        }),
        ("vocabulary", { path in _ = try Vocabulary.load(from: path, minCount: 1) }),
        ("vectors-text", { path in _ = try VectorReader.read(path: path, format: .text, threads: 1) }),
        ("vectors-binary", { path in _ = try VectorReader.read(path: path, format: .binary, threads: 1) }),
        ("vectors-glove", { path in _ = try VectorReader.read(path: path, format: .glove, threads: 1) }),
        ("analogies", { path in _ = try AnalogySet.load(path: path) }),
        ("similarity", { path in _ = try SimilaritySet.load(path: path) }),
        ("model", { path in
            let model = try FastTextModelFile.read(path: path)
            _ = model.vocabulary.size
        }),
        ("runs-csv", { path in
            // The report is drawn too: its charts and table must take any value the CSV holds.
            let runs = try RunsCSVReader.read(path: path)
            for (_, chart) in ExperimentReport.charts(runs) { _ = chart.svg }
            _ = SummaryTable.markdown(runs, tolerance: 0.5, notes: [])
        }),
    ]

    /// The target of this process.
    nonisolated(unsafe) static var selected: ((String) throws -> Void)?

    static func named(_ name: String) -> ((String) throws -> Void)? { all.first { $0.name == name }?.run }

    /// The scratch file of this process, removed at exit (libFuzzer exits from inside its driver).
    static let scratch: String = {
        atexit { unlink(FuzzTargets.scratchPath()) }
        return scratchPath()
    }()

    static func scratchPath() -> String {
        let dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        return dir + "/mt2st-fuzz-\(getpid())"
    }

    /// Writes `bytes` to the scratch file and runs `target` on it.
    static func run(_ target: (String) throws -> Void, bytes: UnsafeRawBufferPointer) {
        let fd = open(scratch, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0, "cannot create \(scratch)")
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            precondition(n > 0, "cannot write \(scratch)")
            done += n
        }
        close(fd)
        do { try target(scratch) } catch {}
    }
}

/// libFuzzer's entry point (also linked in the normal build, where nothing calls it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if let target = FuzzTargets.selected { FuzzTargets.run(target, bytes: UnsafeRawBufferPointer(start: data, count: size)) }
    return 0
}
