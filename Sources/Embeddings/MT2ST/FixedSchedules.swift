#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `stl`: single-task training; γ = 0 and no auxiliary work ever.
public struct SingleTaskSchedule: AuxiliaryWeightSchedule, ScheduleDefinition {
    public static let name = "stl"
    public static let paperLabel = "STL"
    public static let summary = "single-task: no auxiliary work"
    public static func make(_ p: ScheduleParameters) -> any AuxiliaryWeightSchedule { SingleTaskSchedule() }
    public init() {}
    public var name: String { Self.name }
    public func weight(at t: Double) -> Double { 0 }
    public func isActive(at t: Double) -> Bool { false }
}

/// `mtl`: plain multi-task training; γ = γ₀ throughout (inactive only when γ₀ = 0).
public struct ConstantSchedule: AuxiliaryWeightSchedule, ScheduleDefinition {
    public static let name = "mtl"
    public static let paperLabel = "MTL"
    public static let summary = "multi-task: constant γ₀"
    public static func make(_ p: ScheduleParameters) -> any AuxiliaryWeightSchedule { ConstantSchedule(gamma0: p.gamma0) }
    public let gamma0: Double
    public init(gamma0: Double) { self.gamma0 = gamma0 }
    public var name: String { Self.name }
    public func weight(at t: Double) -> Double { gamma0 }
    public func isActive(at t: Double) -> Bool { gamma0 > 0 }
}

/// `diminish` (MT2ST-D): γ(t) = γ₀ · exp(−η · t^ν). The auxiliary work runs for the whole run
/// (its weight only shrinks), so it costs as many auxiliary FLOPs as `mtl`.
public struct DiminishSchedule: AuxiliaryWeightSchedule, ScheduleDefinition {
    public static let name = "diminish"
    public static let paperLabel = "MT2ST-D"
    public static let summary = "γ₀·exp(−η·t^ν)"
    public static func make(_ p: ScheduleParameters) -> any AuxiliaryWeightSchedule {
        DiminishSchedule(gamma0: p.gamma0, eta: p.eta, nu: p.nu)
    }
    public let gamma0: Double, eta: Double, nu: Double
    public init(gamma0: Double, eta: Double, nu: Double) {
        self.gamma0 = gamma0
        self.eta = eta
        self.nu = nu
    }
    public var name: String { Self.name }
    public func weight(at t: Double) -> Double { gamma0 * exp(-eta * pow(max(t, 0), nu)) }
    public func isActive(at t: Double) -> Bool { gamma0 > 0 }
}

/// `switch` (MT2ST-S): γ₀ while t < T_switch, then 0 with no auxiliary computation at all.
public struct SwitchSchedule: AuxiliaryWeightSchedule, ScheduleDefinition {
    public static let name = "switch"
    public static let paperLabel = "MT2ST-S"
    public static let summary = "γ₀ until --switch-at, then none"
    public static func make(_ p: ScheduleParameters) -> any AuxiliaryWeightSchedule {
        SwitchSchedule(gamma0: p.gamma0, switchAt: p.switchAt)
    }
    public static func validate(_ p: ScheduleParameters, epochs: Int) throws {
        if !p.switchAt.isFinite || p.switchAt <= 0 { throw MT2STError.invalidSchedule("--switch-at must be positive (got \(p.switchAt))") }
        if p.switchAt > Double(epochs) {
            throw MT2STError.invalidSchedule("--switch-at \(p.switchAt) is beyond the last epoch (\(epochs)): the switch would never happen; use --schedule mtl for that")
        }
    }
    public let gamma0: Double, switchAt: Double
    public init(gamma0: Double, switchAt: Double) {
        self.gamma0 = gamma0
        self.switchAt = switchAt
    }
    public var name: String { Self.name }
    public func weight(at t: Double) -> Double { isActive(at: t) ? gamma0 : 0 }
    public func isActive(at t: Double) -> Bool { gamma0 > 0 && t < switchAt }
}
