/// The weight γₖ(t) of an auxiliary task k at training time t, in epochs (fractional: t = 0 at the
/// start, t = 1.5 halfway through the second epoch), and whether auxiliary work runs at all at t.
///
/// The auxiliary step size is the primary learning rate times γₖ(t). When `isActive(at:)` is false
/// the auxiliary examples are not computed at all (no FLOPs, no time), which is what makes
/// MT2ST-Switch cheaper than multi-task training. Schedules that react to training (`adaptive`)
/// are fed a monitored signal at every epoch end through `observe(epoch:signal:)`, while the
/// worker threads are stopped; between epoch ends a schedule is only read, so workers may read it
/// concurrently.
public protocol AuxiliaryWeightSchedule {
    /// The strategy's name as in the CLI (`stl`, `mtl`, `diminish`, `switch`, `adaptive`).
    var name: String { get }
    /// γ(t) ≥ 0; 0 whenever `isActive(at: t)` is false.
    func weight(at t: Double) -> Double
    /// False when the auxiliary task must be skipped entirely at t.
    func isActive(at t: Double) -> Bool
    /// Called at the end of epoch `epoch` (1-based) with the monitored signal (e.g. dev analogy
    /// accuracy, or the primary loss). Fixed schedules ignore it.
    mutating func observe(epoch: Int, signal: Double)
}

extension AuxiliaryWeightSchedule {
    public mutating func observe(epoch: Int, signal: Double) {}
}

/// A schedule of the registry: its name, what it declares (help, its own parameters, checks) and
/// how to make one from the parameters. Adding a schedule is writing one type that conforms to
/// both `AuxiliaryWeightSchedule` and this, and adding it to `ScheduleRegistry.definitions`.
public protocol ScheduleDefinition {
    /// The name in the CLI (`--schedule`, `experiment --strategies`) and in runs.csv.
    static var name: String { get }
    /// The label in tables (the paper's Table 1 labels for its strategies).
    static var paperLabel: String { get }
    /// One sentence for `--help` and the README.
    static var summary: String { get }
    /// Parameters this schedule declares beyond the common ones (`--schedule-param NAME=VALUE`).
    static var parameters: [ScheduleParameter] { get }
    /// In `experiment`'s default `--strategies`.
    static var inDefaultExperiment: Bool { get }
    /// Checks the parameters this schedule reads (one-line errors naming the option).
    static func validate(_ p: ScheduleParameters, epochs: Int) throws
    static func make(_ p: ScheduleParameters) -> any AuxiliaryWeightSchedule
}

extension ScheduleDefinition {
    public static var parameters: [ScheduleParameter] { [] }
    public static var inDefaultExperiment: Bool { true }
    public static func validate(_ p: ScheduleParameters, epochs: Int) throws {}
}

/// A numeric parameter a schedule declares: given as `--schedule-param NAME=VALUE`.
public struct ScheduleParameter: Sendable, Equatable {
    public let name: String
    public let help: String
    public let defaultValue: Double
    public init(name: String, help: String, defaultValue: Double) {
        self.name = name
        self.help = help
        self.defaultValue = defaultValue
    }
}

/// Every auxiliary-weight schedule, in the order help texts list them.
public enum ScheduleRegistry {
    public static let definitions: [any ScheduleDefinition.Type] = [
        SingleTaskSchedule.self,
        ConstantSchedule.self,
        DiminishSchedule.self,
        SwitchSchedule.self,
        AdaptiveSchedule.self,
        RampSchedule.self,
    ]

    /// Every declared parameter with the schedule that declares it.
    public static var parameters: [(schedule: String, parameter: ScheduleParameter)] {
        definitions.flatMap { d in d.parameters.map { (d.name, $0) } }
    }
}

/// A schedule of the registry by name (`--schedule switch`); `allCases` is the registry.
public struct ScheduleKind: RawRepresentable, Hashable, CaseIterable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(rawValue: String) {
        guard ScheduleRegistry.definitions.contains(where: { $0.name == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    public static var allCases: [ScheduleKind] { ScheduleRegistry.definitions.map { ScheduleKind(rawValue: $0.name)! } }
    /// The strategies `experiment` runs by default (the paper's four and the adaptive switch).
    public static var experimentDefaults: [ScheduleKind] {
        ScheduleRegistry.definitions.filter { $0.inDefaultExperiment }.map { ScheduleKind(rawValue: $0.name)! }
    }

    public var definition: any ScheduleDefinition.Type { ScheduleRegistry.definitions.first { $0.name == rawValue }! }
    public var description: String { rawValue }
    /// The paper's label in its Table 1.
    public var paperLabel: String { definition.paperLabel }

    /// Single-task: γ = 0, no auxiliary work.
    public static let stl = ScheduleKind(rawValue: SingleTaskSchedule.name)!
    /// Multi-task: constant γ₀ throughout.
    public static let mtl = ScheduleKind(rawValue: ConstantSchedule.name)!
    /// MT2ST-D: γ₀ · exp(−η · t^ν).
    public static let diminish = ScheduleKind(rawValue: DiminishSchedule.name)!
    /// MT2ST-S: γ₀ before `switchAt`, then nothing.
    public static let `switch` = ScheduleKind(rawValue: SwitchSchedule.name)!
    /// Switch (or start decaying) once the monitored signal stops improving.
    public static let adaptive = ScheduleKind(rawValue: AdaptiveSchedule.name)!
}

/// What the adaptive schedule watches and which way is better.
public enum MonitoredSignal: String, CaseIterable, Codable, Sendable {
    /// Dev analogy accuracy (percent): higher is better.
    case devAccuracy = "dev-accuracy"
    /// Primary training loss: lower is better.
    case primaryLoss = "primary-loss"

    public var higherIsBetter: Bool { self == .devAccuracy }
}

/// Every schedule parameter with its default, validated once, turned into a schedule per task.
public struct ScheduleParameters: Codable, Sendable, Equatable {
    public var kind: ScheduleKind = .switch
    /// γ₀: the auxiliary weight at the start.
    public var gamma0 = 1.0
    /// Diminish: decay rate η.
    public var eta = 0.5
    /// Diminish: exponent ν of t.
    public var nu = 1.0
    /// Switch: the epoch (fractional) after which the auxiliary tasks stop.
    public var switchAt = 1.0
    /// Adaptive: the signal watched, the least improvement that counts, and the window (epochs).
    public var signal: MonitoredSignal = .devAccuracy
    public var threshold = 0.5
    public var window = 1
    /// Adaptive: after the trigger, decay as Diminish from the trigger time (true) or stop (false).
    public var decayAfterTrigger = false
    /// Values of the parameters schedules declare (`ScheduleDefinition.parameters`), by name.
    public var values: [String: Double] = [:]

    public init() {}

    /// The value of a declared parameter (its default when not given).
    public func value(_ parameter: ScheduleParameter) -> Double { values[parameter.name] ?? parameter.defaultValue }

    /// Checks the parameters against the run's epoch count; one-line messages naming the option.
    public func validate(epochs: Int) throws {
        func fail(_ m: String) -> MT2STError { .invalidSchedule(m) }
        if !gamma0.isFinite || gamma0 < 0 { throw fail("--gamma0 must be 0 or positive (got \(gamma0))") }
        if !eta.isFinite || eta < 0 { throw fail("--eta must be 0 or positive (got \(eta))") }
        if !nu.isFinite || nu <= 0 { throw fail("--nu must be positive (got \(nu))") }
        for name in values.keys.sorted() where !ScheduleRegistry.parameters.contains(where: { $0.parameter.name == name }) {
            throw fail("--schedule-param: no schedule declares '\(name)' (declared: \(ScheduleRegistry.parameters.map(\.parameter.name).joined(separator: ", ")))")
        }
        try kind.definition.validate(self, epochs: epochs)
    }

    /// A fresh schedule (one per auxiliary task and run).
    public func makeSchedule() -> any AuxiliaryWeightSchedule { kind.definition.make(self) }
}

/// Errors of the MT2ST layer (schedules, auxiliary data), one line each.
public enum MT2STError: Error, CustomStringConvertible, Equatable {
    case invalidSchedule(String)
    case badAuxiliaryData(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidSchedule(m): return m
        case let .badAuxiliaryData(path, reason): return "\(path): \(reason)"
        }
    }
}
