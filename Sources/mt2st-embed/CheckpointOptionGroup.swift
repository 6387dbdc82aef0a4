import ArgumentParser
import Foundation
import EmbedBase
import Corpus
import Embeddings

/// `train --checkpoint FILE --checkpoint-every MINUTES` and `train --resume FILE` (`CheckpointSession`).
struct CheckpointOptionGroup: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Write the whole training state here every --checkpoint-every minutes (both matrices, the workers' corpus positions, random states and counters, the learning-rate position, the options and fingerprints of the vocabulary and corpus), replacing the previous checkpoint atomically. Word2vec-family models only.", valueName: "file"))
    var checkpoint: String?

    @Option(name: .long, help: ArgumentHelp("Minutes between two checkpoints (default 30; fractions allowed, e.g. 0.5 for 30 seconds). A checkpoint is taken at the workers' next sync point (every 10,000 tokens per thread).", valueName: "minutes"))
    var checkpointEvery: Double?

    @Option(name: .long, help: ArgumentHelp("Continue the run saved in this checkpoint. Give the options of the interrupted run again: a checkpoint made with other options, another corpus or vocabulary, or by another version is refused. With --threads 1 the result is bit-identical to an uninterrupted run.", valueName: "file"))
    var resume: String?

    static let defaultMinutes = 30.0

    var isRequested: Bool { checkpoint != nil || resume != nil }

    func validate() throws {
        if let m = checkpointEvery {
            guard checkpoint != nil else { throw ValidationError("--checkpoint-every needs --checkpoint FILE") }
            guard m > 0, m.isFinite, m <= 1e6 else { throw ValidationError("--checkpoint-every must be a positive number of minutes (got \(m))") }
        }
    }

    /// Refuses what checkpoints do not cover (one line each), before any work; checks the files.
    func check(model: ModelKind, schedule: String, evaluation: EvaluationOptionGroup) throws {
        guard isRequested else { return }
        let what = checkpoint != nil ? "--checkpoint" : "--resume"
        if model.definition.family == .glove {
            throw ValidationError("\(what) is for the word2vec-family models (\(ModelKind.names { $0.family == .word2vec })); GloVe has no checkpoints yet")
        }
        if schedule != "stl" {
            throw ValidationError("\(what) does not save the MT2ST auxiliary tasks' state yet (--schedule \(schedule)); train them without checkpoints")
        }
        if evaluation.enabled {
            throw ValidationError("\(what) does not save the per-epoch evaluation's history (--eval-analogies, --eval-similarity, --patience, --keep-best); evaluate the written vectors instead")
        }
        try DistributedRun.refuseSeveralProcesses(what)
        if let checkpoint { try OutputPath.checkWritable(checkpoint) }
        if let resume { try InputFile(path: resume, regularOnly: true).close() }
    }

    /// Gives the run's trainer its checkpoint session; `subwords`: FastText's n-gram options,
    /// `initVectors`: the warm start (options that affect training beyond the trainer's configuration).
    func attach(to run: any ModelRun, model: ModelKind, subwords: SubwordOptions?, initVectors: String?) throws {
        guard isRequested else { return }
        guard let word2vec = run as? Word2VecRun else { throw ValidationError("--model \(model.rawValue) has no checkpoints") }
        var options = ["model": model.rawValue, "init-vectors": initVectors ?? "none"]
        if let subwords { options["subwords"] = "minn \(subwords.minn) maxn \(subwords.maxn) bucket \(subwords.buckets)" }
        let session = CheckpointSession(path: checkpoint, interval: (checkpointEvery ?? Self.defaultMinutes) * 60,
                                        resumePath: resume, options: options)
        // On a terminal, clear the progress line first (it is redrawn at the next report).
        let clear = isatty(2) != 0 ? "\r\u{1b}[K" : ""
        session.log = { printErr(clear + $0) }
        word2vec.trainer.checkpoints = session
    }
}
