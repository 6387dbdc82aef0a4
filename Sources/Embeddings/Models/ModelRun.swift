import Corpus

/// One training run of one model, as `train` and `experiment` drive it: built by its
/// `ModelDefinition` from a `ModelSetup`, then the same steps for every model: attach the
/// auxiliary work and the epoch observers, train, write.
public protocol ModelRun: AnyObject {
    /// The vectors that are written and evaluated (what the auxiliary tasks train).
    var vectors: EvaluatedVectors { get }
    /// The trainer's hooks: epoch observers and the per-worker interleaved work.
    var hooks: any TrainingHooks { get }
    /// Analytic FLOPs of the primary updates of one epoch (`PrimaryFlops`).
    func primaryFlops(_ epoch: EpochSummary) -> Double
    /// Progress callbacks a few times a second (models without per-token progress ignore it).
    func reportProgress(every seconds: Double, _ report: @escaping (ProgressSnapshot) -> Void)
    func train() throws -> TrainingSummary
    /// What a training unit is in the summary (`words`; GloVe: `records`).
    var unit: String { get }
    /// Extra lines on what the training did (GloVe: its stage times), after the summary line.
    var report: [String] { get }
    /// Writes the evaluated vectors in word2vec text or binary format (atomically).
    func writeVectors(to path: String, binary: Bool) throws
    /// Writes the model file (models whose definition has `savesModelFile`) in `format`;
    /// returns a description for the log. `corpusTokens`: tokens read (fastText's header keeps them).
    func saveModel(to path: String, format: ModelFileFormat, minCount: Int, corpusTokens: Int64) throws -> String
    /// Sets the rows the warm start knows (`train --init-vectors`); returns what it set.
    func warmStart(_ start: WarmStart) throws -> WarmStart.Report
}

/// Where the trainers' hooks live (`Word2VecTrainer`, `GloVeTrainer`).
public protocol TrainingHooks: AnyObject {
    var observers: [EpochObserver] { get set }
    var interleaved: WorkerHook? { get set }
}

extension Word2VecTrainer: TrainingHooks {}
extension GloVeTrainer: TrainingHooks {}

extension ModelRun {
    /// Adds the MT2ST auxiliary tasks to every worker of the run.
    public func attach(auxiliary: AuxiliaryTraining) { hooks.interleaved = AuxiliaryHook(training: auxiliary) }

    public func attach(observer: EpochObserver) { hooks.observers.append(observer) }

    public func reportProgress(every seconds: Double, _ report: @escaping (ProgressSnapshot) -> Void) {}

    public var unit: String { "words" }
    public var report: [String] { [] }

    public func saveModel(to path: String, format: ModelFileFormat, minCount: Int, corpusTokens: Int64) throws -> String {
        throw TrainingError.invalidOption("this model has no model file (--save-model)")
    }
}

/// A model of the registry: how to estimate, describe and build a run of it. Adding a model is
/// writing one type conforming to this and adding it to `ModelRegistry.definitions`.
public protocol ModelDefinition {
    /// The name in the CLI (`--model`, `experiment --models`), runs.csv and reports.
    static var name: String { get }
    /// The label in tables (e.g. "Skip-Gram").
    static var label: String { get }
    /// One sentence for `--help` and the README.
    static var summary: String { get }
    /// Which option defaults apply (word2vec-family or GloVe).
    static var family: ModelFamily { get }
    /// What the epoch loss is called in progress lines (`loss`; GloVe: `cost`).
    static var lossName: String { get }
    /// Trains on character n-grams (FastText options apply).
    static var usesSubwords: Bool { get }
    /// Writes a model file with `--save-model`.
    static var savesModelFile: Bool { get }
    /// In `experiment`'s default `--models` (the MT2ST paper's four).
    static var inDefaultExperiment: Bool { get }
    /// Checks the options for this model (one-line errors naming the option), before any work.
    static func validate(_ options: ModelOptions) throws
    /// Epochs a run of this model trains.
    static func epochs(_ options: ModelOptions) -> Int
    /// Bytes a run will allocate, printed before allocating.
    static func memoryEstimate(_ setup: ModelSetup) -> Int
    /// The settings line printed before training.
    static func describe(_ setup: ModelSetup) -> String
    /// Allocates and initialises a run with `seed` (shared preparation is cached in `setup`).
    static func makeRun(_ setup: ModelSetup, seed: UInt64) throws -> any ModelRun
}

/// The option defaults a model takes (window 5 / 10, epochs 5 / 15, learning rate...).
public enum ModelFamily: Sendable {
    case word2vec
    case glove
}

extension ModelDefinition {
    public static var lossName: String { "loss" }
    public static var usesSubwords: Bool { false }
    public static var savesModelFile: Bool { false }
    public static var inDefaultExperiment: Bool { false }
    public static var family: ModelFamily { .word2vec }
    public static func epochs(_ options: ModelOptions) -> Int { options.word2vec.epochs }
    public static func validate(_ options: ModelOptions) throws { try options.word2vec.validate() }
    public static func describe(_ setup: ModelSetup) -> String { setup.describe(name, .skipGram) }
}
