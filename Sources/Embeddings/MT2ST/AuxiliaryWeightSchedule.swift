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

/// The strategies of the MT2ST paper plus the adaptive switch.
public enum ScheduleKind: String, CaseIterable, Codable, Sendable {
    /// Single-task: γ = 0, no auxiliary work.
    case stl
    /// Multi-task: constant γ₀ throughout.
    case mtl
    /// MT2ST-D: γ₀ · exp(−η · t^ν).
    case diminish
    /// MT2ST-S: γ₀ before `switchAt`, then nothing.
    case `switch`
    /// Switch (or start decaying) once the monitored signal stops improving.
    case adaptive

    /// The paper's label in its Table 1.
    public var paperLabel: String {
        switch self {
        case .stl: return "STL"
        case .mtl: return "MTL"
        case .diminish: return "MT2ST-D"
        case .switch: return "MT2ST-S"
        case .adaptive: return "MT2ST-A"
        }
    }
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

    public init() {}

    /// Checks the parameters against the run's epoch count; one-line messages naming the option.
    public func validate(epochs: Int) throws {
        func fail(_ m: String) -> MT2STError { .invalidSchedule(m) }
        if !gamma0.isFinite || gamma0 < 0 { throw fail("--gamma0 must be 0 or positive (got \(gamma0))") }
        if !eta.isFinite || eta < 0 { throw fail("--eta must be 0 or positive (got \(eta))") }
        if !nu.isFinite || nu <= 0 { throw fail("--nu must be positive (got \(nu))") }
        if kind == .switch {
            if !switchAt.isFinite || switchAt <= 0 { throw fail("--switch-at must be positive (got \(switchAt))") }
            if switchAt > Double(epochs) {
                throw fail("--switch-at \(switchAt) is beyond the last epoch (\(epochs)): the switch would never happen; use --schedule mtl for that")
            }
        }
        if kind == .adaptive {
            if !threshold.isFinite || threshold < 0 { throw fail("--adaptive-threshold must be 0 or positive (got \(threshold))") }
            if window < 1 { throw fail("--adaptive-window must be at least 1 epoch (got \(window))") }
        }
    }

    /// A fresh schedule (one per auxiliary task and run).
    public func makeSchedule() -> any AuxiliaryWeightSchedule {
        switch kind {
        case .stl: return SingleTaskSchedule()
        case .mtl: return ConstantSchedule(gamma0: gamma0)
        case .diminish: return DiminishSchedule(gamma0: gamma0, eta: eta, nu: nu)
        case .switch: return SwitchSchedule(gamma0: gamma0, switchAt: switchAt)
        case .adaptive:
            return AdaptiveSchedule(gamma0: gamma0, signal: signal, threshold: threshold, window: window,
                                    after: decayAfterTrigger ? .decay(eta: eta, nu: nu) : .stop)
        }
    }
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
