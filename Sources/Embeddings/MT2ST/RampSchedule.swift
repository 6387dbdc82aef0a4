/// `ramp`: a linear ramp-down, γ(t) = γ₀ · max(0, 1 − t/T), T = `ramp-until` epochs: the
/// auxiliary weight fades out instead of stopping at once (Switch) or decaying forever (Diminish),
/// and like Switch no auxiliary work at all is done from T on.
public struct RampSchedule: AuxiliaryWeightSchedule, ScheduleDefinition {
    public static let name = "ramp"
    public static let paperLabel = "Ramp"
    public static let summary = "γ₀·max(0, 1 − t/T), T = --schedule-param ramp-until=EPOCHS (default 1)"
    public static let inDefaultExperiment = false
    public static let until = ScheduleParameter(
        name: "ramp-until", help: "ramp: the epoch (fractional allowed) at which γ reaches 0; at most --epochs.", defaultValue: 1)
    public static let parameters = [until]

    public static func validate(_ p: ScheduleParameters, epochs: Int) throws {
        let t = p.value(until)
        if !t.isFinite || t <= 0 { throw MT2STError.invalidSchedule("ramp-until must be positive (got \(t))") }
        if t > Double(epochs) {
            throw MT2STError.invalidSchedule("ramp-until \(t) is beyond the last epoch (\(epochs)); use at most --epochs")
        }
    }

    public static func make(_ p: ScheduleParameters) -> any AuxiliaryWeightSchedule {
        RampSchedule(gamma0: p.gamma0, until: p.value(until))
    }

    public let gamma0: Double, until: Double
    public init(gamma0: Double, until: Double) {
        self.gamma0 = gamma0
        self.until = until
    }
    public var name: String { Self.name }
    public func weight(at t: Double) -> Double { isActive(at: t) ? gamma0 * max(0, 1 - t / until) : 0 }
    public func isActive(at t: Double) -> Bool { gamma0 > 0 && t < until }
}
