#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `stl`: single-task training; γ = 0 and no auxiliary work ever.
public struct SingleTaskSchedule: AuxiliaryWeightSchedule {
    public init() {}
    public var name: String { ScheduleKind.stl.rawValue }
    public func weight(at t: Double) -> Double { 0 }
    public func isActive(at t: Double) -> Bool { false }
}

/// `mtl`: plain multi-task training; γ = γ₀ throughout (inactive only when γ₀ = 0).
public struct ConstantSchedule: AuxiliaryWeightSchedule {
    public let gamma0: Double
    public init(gamma0: Double) { self.gamma0 = gamma0 }
    public var name: String { ScheduleKind.mtl.rawValue }
    public func weight(at t: Double) -> Double { gamma0 }
    public func isActive(at t: Double) -> Bool { gamma0 > 0 }
}

/// `diminish` (MT2ST-D): γ(t) = γ₀ · exp(−η · t^ν). The auxiliary work runs for the whole run
/// (its weight only shrinks), so it costs as many auxiliary FLOPs as `mtl`.
public struct DiminishSchedule: AuxiliaryWeightSchedule {
    public let gamma0: Double, eta: Double, nu: Double
    public init(gamma0: Double, eta: Double, nu: Double) {
        self.gamma0 = gamma0
        self.eta = eta
        self.nu = nu
    }
    public var name: String { ScheduleKind.diminish.rawValue }
    public func weight(at t: Double) -> Double { gamma0 * exp(-eta * pow(max(t, 0), nu)) }
    public func isActive(at t: Double) -> Bool { gamma0 > 0 }
}

/// `switch` (MT2ST-S): γ₀ while t < T_switch, then 0 with no auxiliary computation at all.
public struct SwitchSchedule: AuxiliaryWeightSchedule {
    public let gamma0: Double, switchAt: Double
    public init(gamma0: Double, switchAt: Double) {
        self.gamma0 = gamma0
        self.switchAt = switchAt
    }
    public var name: String { ScheduleKind.switch.rawValue }
    public func weight(at t: Double) -> Double { isActive(at: t) ? gamma0 : 0 }
    public func isActive(at t: Double) -> Bool { gamma0 > 0 && t < switchAt }
}
