#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses decimal numbers straight from bytes, without creating Strings. Results are correctly
/// rounded: the common case (at most 19 significant digits, decimal exponent within +-22) is
/// computed exactly in Double (Clinger's fast path) and then rounded to Float, which is exact unless
/// the Double lands on a Float rounding midpoint; that case, and every other one, goes to `strtof`.
public enum DecimalParser {
    /// 10^k for 0 <= k <= 22 (all exact in Double). A switch over literals compiles to a constant
    /// table; a static array would cost a lazy-initialisation check on every call.
    @inline(__always)
    static func powerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: return 1e0
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

    /// Parses one number starting at `p`, which must be followed by a NUL, space, tab, CR or LF
    /// somewhere before `end` or at `end` (the buffer holds a NUL at `end`). Returns the value and
    /// the position after the number, or nil when the bytes there are not a finite decimal number
    /// (`[+-]digits[.digits][(e|E)[+-]digits]`, or `.digits`) representable as a Float.
    @inline(__always)
    public static func parseFloat(_ start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> (Float, UnsafePointer<UInt8>)? {
        var p = start
        var negative = false
        if p < end && (p.pointee == 45 || p.pointee == 43) { negative = p.pointee == 45; p += 1 }
        var mantissa: UInt64 = 0
        var digits = 0          // significant digits accumulated into mantissa
        var dropped = false     // more than 19 significant digits
        var exponent = 0
        var sawDigit = false
        while p < end && isDigit(p.pointee) {
            sawDigit = true
            let d = UInt64(p.pointee &- 48)
            if mantissa == 0 && d == 0 {
                // leading zeros carry no information
            } else if digits < 19 {
                mantissa = mantissa &* 10 &+ d; digits += 1
            } else {
                exponent += 1; if d != 0 { dropped = true }
            }
            p += 1
        }
        if p < end && p.pointee == 46 {
            p += 1
            while p < end && isDigit(p.pointee) {
                sawDigit = true
                let d = UInt64(p.pointee &- 48)
                if mantissa == 0 && d == 0 {
                    exponent -= 1
                } else if digits < 19 {
                    mantissa = mantissa &* 10 &+ d; digits += 1; exponent -= 1
                } else if d != 0 {
                    dropped = true
                }
                p += 1
            }
        }
        if !sawDigit { return nil }
        if p < end && (p.pointee == 101 || p.pointee == 69) {
            p += 1
            var expNegative = false
            if p < end && (p.pointee == 45 || p.pointee == 43) { expNegative = p.pointee == 45; p += 1 }
            guard p < end && isDigit(p.pointee) else { return nil }
            var e = 0
            while p < end && isDigit(p.pointee) {
                if e < 100_000 { e = e * 10 + Int(p.pointee &- 48) }
                p += 1
            }
            exponent += expNegative ? -e : e
        }
        if p < end {
            let c = p.pointee
            if !(c == 32 || c == 9 || c == 10 || c == 13 || c == 0) { return nil }
        }
        if mantissa == 0 { return (negative ? -0.0 : 0.0, p) }
        if !dropped && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
            var d = Double(mantissa)
            if exponent < 0 { d /= powerOfTen(-exponent) } else { d *= powerOfTen(exponent) }
            let magnitude = d
            if magnitude >= Double(Float.leastNormalMagnitude) && magnitude <= Double(Float.greatestFiniteMagnitude)
                && (d.bitPattern & 0x1FFF_FFFF) != 0x1000_0000 {
                let f = Float(d)
                return (negative ? -f : f, p)
            }
        }
        // Slow path: the C library's correctly rounded conversion over the same bytes.
        var after: UnsafeMutablePointer<CChar>? = nil
        let value = start.withMemoryRebound(to: CChar.self, capacity: 1) { strtof($0, &after) }
        guard let after else { return nil }
        let consumed = UnsafeRawPointer(after) - UnsafeRawPointer(start)
        guard consumed == p - start, value.isFinite else { return nil }
        return (value, p)
    }
}
