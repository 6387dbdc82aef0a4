import XCTest
import Foundation
@testable import Evaluation

final class DecimalParserTests: XCTestCase {
    func parse(_ s: String) -> Float? {
        var bytes = Array(s.utf8) + [0]
        return bytes.withUnsafeMutableBufferPointer { b in
            DecimalParser.parseFloat(UnsafePointer(b.baseAddress!), end: UnsafePointer(b.baseAddress! + b.count - 1))?.0
        }
    }

    func testAgreesBitForBitWithStrtofOnPrintedFloats() {
        var rng = SystemRandomNumberGenerator()
        let formats = ["%f", "%.6f", "%g", "%.9g", "%.17g", "%e", "%.3e"]
        for i in 0..<20_000 {
            let magnitude = Float.random(in: -8...3, using: &rng)
            let x = Float.random(in: -1...1, using: &rng) * pow(10, magnitude)
            let s = String(format: formats[i % formats.count], Double(x))
            let expected = strtof(s, nil)
            guard let got = parse(s) else { XCTFail("rejected \(s)"); continue }
            XCTAssertEqual(got.bitPattern, expected.bitPattern, s)
        }
        // Midpoints between floats and long digit strings take the slow path and still round right.
        for s in ["0.100000001490116119384765625", "16777217", "16777217.0000000000001", "1.00000005960464477539062500000001",
                  "123456789012345678901234567890", "0.000000000000000000000000000000000000011754944", "-0", ".5", "5.", "+2.5E-3"] {
            XCTAssertEqual(parse(s)?.bitPattern, strtof(s, nil).bitPattern, s)
        }
    }

    func testRejectsWhatIsNotADecimalNumber() {
        for s in ["", "-", ".", "e5", "1e", "1e+", "nan", "inf", "0x1p3", "1.2.3", "12a", "1,5", "1e39", "--1"] {
            XCTAssertNil(parse(s), s)
        }
    }
}
