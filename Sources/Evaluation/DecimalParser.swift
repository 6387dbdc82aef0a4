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
    @usableFromInline static let powersOfTen: [Double] = (0...22).map { exponent in
        var p = 1.0
        for _ in 0..<exponent { p *= 10 }
        return p
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
            if exponent < 0 { d /= powersOfTen[-exponent] } else { d *= powersOfTen[exponent] }
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
