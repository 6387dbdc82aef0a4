import XCTest
import Corpus
@testable import Embeddings

/// Checkpoints inside the trainer (the CLI tests kill the real process): pausing at every sync
/// point changes nothing; resuming from the file restores every bit; the file's checks.
final class CheckpointTests: XCTestCase {
    func testCRC32MatchesTheStandardCheckValueInPieces() {
        let bytes = Array("123456789".utf8)
        var whole = CRC32()
        bytes.withUnsafeBytes { whole.update($0) }
        XCTAssertEqual(whole.value, 0xCBF4_3926)
        var pieces = CRC32()
        bytes.withUnsafeBytes { pieces.update(UnsafeRawBufferPointer(rebasing: $0[0..<4])); pieces.update(UnsafeRawBufferPointer(rebasing: $0[4...])) }
        XCTAssertEqual(pieces.value, whole.value)
    }

    func testRandomStateRoundTrips() {
        var a = Xoshiro256(seed: 9, stream: 3)
        _ = a.next()
        var b = Xoshiro256(state: a.state)!
        for _ in 0..<10 { XCTAssertEqual(a.next(), b.next()) }
        XCTAssertNil(Xoshiro256(state: [0, 0, 0, 0]))
        XCTAssertNil(Xoshiro256(state: [1, 2, 3]))
    }

    func config(_ architecture: Word2VecArchitecture, threads: Int = 1) -> Word2VecConfig {
        var c = Word2VecConfig()
        c.architecture = architecture
        c.dim = 12
        c.epochs = 3
        c.threads = threads
        c.seed = 5
        c.sample = 1e-2
        c.syncEvery = 700 // many sync points on a small corpus
        return c
    }

    func path(_ name: String) -> String { SyntheticCorpus.directory.appendingPathComponent(UUID().uuidString + name).path }

    /// Pausing at every sync point for a checkpoint, then resuming the last checkpoint in a new
    /// trainer, both end with the uninterrupted run's table and epoch losses.
    func testPausesAndResumeAreBitIdentical() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 600))
        for architecture in [Word2VecArchitecture.skipGram, .cbow] {
            let c = config(architecture)
            let plain = try Word2VecTrainer(config: c, vocabulary: corpus.vocabulary, corpus: corpus.encoded)
            let reference = try plain.train()

            let file = path("a.ckpt")
            defer { unlink(file) }
            let paused = try Word2VecTrainer(config: c, vocabulary: corpus.vocabulary, corpus: corpus.encoded)
            let session = CheckpointSession(path: file, interval: 1e-6, resumePath: nil, options: ["model": "x"])
            var lines: [String] = []
            session.log = { lines.append($0) }
            paused.checkpoints = session
            let summary = try paused.train()
            XCTAssertGreaterThan(session.written, 3, "\(architecture)")
            XCTAssertEqual(lines.count, session.written + 1) // one line per checkpoint and a sum
            XCTAssertTrue(lines.last!.hasPrefix("checkpoint: \(session.written) written in "), lines.last!)
            XCTAssertTrue(lines[0].hasSuffix("s (the workers reached their sync points in 0.00 s)") || lines[0].contains("sync points in"), lines[0])
            XCTAssertEqual(summary.epochs.map(\.loss), reference.epochs.map(\.loss))
            XCTAssertEqual(summary.tokens, reference.tokens)
            for r in 0..<plain.table.inputRows { XCTAssertEqual(plain.table.inputVector(r), paused.table.inputVector(r)) }
            for r in 0..<plain.table.outputRows { XCTAssertEqual(plain.table.outputVector(r), paused.table.outputVector(r)) }

            let resumed = try Word2VecTrainer(config: c, vocabulary: corpus.vocabulary, corpus: corpus.encoded)
            resumed.checkpoints = CheckpointSession(path: nil, interval: 60, resumePath: file, options: ["model": "x"])
            let again = try resumed.train()
            XCTAssertEqual(again.epochs.map(\.loss), reference.epochs.map(\.loss))
            XCTAssertEqual(again.epochs.map(\.alpha), reference.epochs.map(\.alpha))
            for r in 0..<plain.table.inputRows { XCTAssertEqual(plain.table.inputVector(r), resumed.table.inputVector(r)) }
            for r in 0..<plain.table.outputRows { XCTAssertEqual(plain.table.outputVector(r), resumed.table.outputVector(r)) }
        }
    }

    /// The positions of a checkpoint are checked against this run's corpus before any is used.
    func testSavedPositionsAreChecked() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 300))
        let c = config(.skipGram)
        let file = path("c.ckpt")
        defer { unlink(file) }
        let trainer = try Word2VecTrainer(config: c, vocabulary: corpus.vocabulary, corpus: corpus.encoded)
        trainer.checkpoints = CheckpointSession(path: file, interval: 1e-6, resumePath: nil, options: [:])
        _ = try trainer.train()
        let identity = trainer.checkpoints!.identity(trainer)
        let state = try CheckpointFile.read(from: file, expecting: identity, into: trainer.table.handle)
        let length = corpus.encoded.ids.count
        XCTAssertNoThrow(try state.check(epochs: 3, threads: 1, corpusLength: length, path: file))
        XCTAssertTrue(state.workers[0].paused)
        var outside = state
        outside.workers[0].position = state.workers[0].chunkEnd + 3
        XCTAssertThrowsError(try outside.check(epochs: 3, threads: 1, corpusLength: length, path: file)) {
            XCTAssertTrue("\($0)".hasPrefix("\(file): corrupted checkpoint (worker 0 paused at "), "\($0)")
        }
        var past = state
        past.workers[0].chunkEnd = length + 1
        XCTAssertThrowsError(try past.check(epochs: 3, threads: 1, corpusLength: length, path: file))
        var late = state
        late.epoch = 4
        XCTAssertThrowsError(try late.check(epochs: 3, threads: 1, corpusLength: length, path: file))
        XCTAssertThrowsError(try state.check(epochs: 3, threads: 2, corpusLength: length, path: file))
    }

    /// With two threads the workers pause and continue (each from its own position) and the run ends.
    func testTwoThreadsPauseAndResume() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 600))
        let c = config(.skipGram, threads: 2)
        let file = path("b.ckpt")
        defer { unlink(file) }
        let trainer = try Word2VecTrainer(config: c, vocabulary: corpus.vocabulary, corpus: corpus.encoded)
        trainer.checkpoints = CheckpointSession(path: file, interval: 1e-6, resumePath: nil, options: [:])
        let summary = try trainer.train()
        XCTAssertGreaterThan(trainer.checkpoints!.written, 1)
        XCTAssertEqual(summary.tokens, 3 * corpus.encoded.tokenCount)
        let resumed = try Word2VecTrainer(config: c, vocabulary: corpus.vocabulary, corpus: corpus.encoded)
        resumed.checkpoints = CheckpointSession(path: nil, interval: 60, resumePath: file, options: [:])
        XCTAssertEqual(try resumed.train().tokens, 3 * corpus.encoded.tokenCount)
    }

    /// The checks of `CheckpointFile.read`, in order: options, vocabulary, corpus; the tool version.
    func testIdentityMismatches() throws {
        let corpus = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 100))
        let other = try SyntheticCorpus.build(SyntheticCorpus.pairs(sentences: 100, seed: 8))
        let a = try Word2VecTrainer(config: config(.skipGram), vocabulary: corpus.vocabulary, corpus: corpus.encoded)
        let identity = CheckpointIdentity(trainer: a, options: ["model": "skipgram"])
        XCTAssertNil(identity.mismatch(identity))
        var c = config(.skipGram)
        c.negatives = 7
        let b = try Word2VecTrainer(config: c, vocabulary: corpus.vocabulary, corpus: corpus.encoded)
        XCTAssertEqual(CheckpointIdentity(trainer: b, options: ["model": "skipgram"]).mismatch(identity),
                       "made with other options: negatives 5 in the checkpoint, 7 now (resume with the options of the interrupted run)")
        XCTAssertEqual(CheckpointIdentity(trainer: a, options: ["model": "cbow"]).mismatch(identity)?.hasPrefix("made with other options: model skipgram in the checkpoint, cbow now"), true)
        let d = try Word2VecTrainer(config: config(.skipGram), vocabulary: other.vocabulary, corpus: other.encoded)
        let why = try XCTUnwrap(CheckpointIdentity(trainer: d, options: ["model": "skipgram"]).mismatch(identity))
        XCTAssertTrue(why.hasPrefix("made with another vocabulary") || why.hasPrefix("made on another corpus"), why)
        var old = identity
        old.tool = "mt2st-embed word2vec-trainer 0"
        XCTAssertEqual(identity.mismatch(old), "made by another version of the trainer (mt2st-embed word2vec-trainer 0; this is \(CheckpointIdentity.currentTool)): start the run again")
    }
}
