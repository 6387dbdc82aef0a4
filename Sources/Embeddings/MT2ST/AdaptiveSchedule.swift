#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `adaptive`: the paper's feedback loop. γ = γ₀ until the monitored signal stops improving, then
/// either stop the auxiliary tasks (a switch at a time chosen by training, not preset) or decay as
/// Diminish from that time: γ₀ · exp(−η · (t − t*)^ν).
///
/// "Stops improving": at the end of epoch e ≥ window + 1, the best value of the last `window`
/// epochs beats the best value of all earlier epochs by no more than `threshold` (in the signal's
/// own units: accuracy points, or loss). The trigger fires once and stays; t* = e.
public struct AdaptiveSchedule: AuxiliaryWeightSchedule, ScheduleDefinition {
    public static let name = "adaptive"
    public static let paperLabel = "MT2ST-A"
    public static let summary = "switch (or decay, --adaptive-decay) when the watched signal stops improving"
    public static func make(_ p: ScheduleParameters) -> any AuxiliaryWeightSchedule {
        AdaptiveSchedule(gamma0: p.gamma0, signal: p.signal, threshold: p.threshold, window: p.window,
                         after: p.decayAfterTrigger ? .decay(eta: p.eta, nu: p.nu) : .stop)
    }
    public static func validate(_ p: ScheduleParameters, epochs: Int) throws {
        if !p.threshold.isFinite || p.threshold < 0 { throw MT2STError.invalidSchedule("--adaptive-threshold must be 0 or positive (got \(p.threshold))") }
        if p.window < 1 { throw MT2STError.invalidSchedule("--adaptive-window must be at least 1 epoch (got \(p.window))") }
    }

    public enum AfterTrigger: Equatable, Sendable {
        case stop
        case decay(eta: Double, nu: Double)
    }

    public let gamma0: Double
    public let signal: MonitoredSignal
    public let threshold: Double
    public let window: Int
    public let after: AfterTrigger
    /// The signal at each epoch end so far, in epoch order.
    public private(set) var history: [Double] = []
    /// The epoch at whose end the trigger fired (nil while γ₀ still applies).
    public private(set) var triggeredAt: Int?

    public init(gamma0: Double, signal: MonitoredSignal, threshold: Double, window: Int, after: AfterTrigger) {
        precondition(window >= 1 && threshold >= 0)
        self.gamma0 = gamma0
        self.signal = signal
        self.threshold = threshold
        self.window = window
        self.after = after
    }

    public var name: String { Self.name }

    public func weight(at t: Double) -> Double {
        guard gamma0 > 0 else { return 0 }
        guard let e = triggeredAt, t >= Double(e) else { return gamma0 }
        switch after {
        case .stop: return 0
        case let .decay(eta, nu): return gamma0 * exp(-eta * pow(t - Double(e), nu))
        }
    }

    public func isActive(at t: Double) -> Bool {
        guard gamma0 > 0 else { return false }
        guard let e = triggeredAt, t >= Double(e) else { return true }
        return after != .stop
    }

    public mutating func observe(epoch: Int, signal value: Double) {
        history.append(value)
        guard triggeredAt == nil, history.count > window, value.isFinite else { return }
        let sign = signal.higherIsBetter ? 1.0 : -1.0
        let recent = history.suffix(window).map { sign * $0 }.max()!
        let earlier = history.dropLast(window).map { sign * $0 }.max()!
        if recent - earlier <= threshold { triggeredAt = epoch }
    }
}
