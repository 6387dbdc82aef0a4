import XCTest
@testable import Evaluation

final class ScoreKernelsTests: XCTestCase {
    /// The fused one-pass kernel must pick what a plain scan picks: the highest combined score,
    /// excluded positions skipped, ties to the lowest index (values are drawn from a small set, so
    /// ties across SIMD lanes and chunks are frequent), for every length including partial chunks.
    func testBestCandidateMatchesAPlainScan() {
        var rng = SplitMix(seed: 11)
        for n in [1, 2, 7, 8, 9, 15, 16, 17, 31, 64, 100, 257] {
            for _ in 0..<30 {
                let values = (0..<(3 * n)).map { _ in Float(Int(rng.next() % 9) - 4) / 4 }
                let excluded = SIMD3<Int32>(Int32(rng.next() % UInt64(n)), Int32(rng.next() % UInt64(n)), Int32(rng.next() % UInt64(n)))
                values.withUnsafeBufferPointer { v in
                    let a = v.baseAddress!, b = a + n, c = a + 2 * n
                    for mul in [false, true] {
                        var expected: Int? = nil
                        var bestScore = -Float.infinity
                        for i in 0..<n where i != excluded.x && i != excluded.y && i != excluded.z {
                            let s = mul ? ((1 + b[i]) * 0.5 * ((1 + c[i]) * 0.5)) / ((1 + a[i]) * 0.5 + 0.000001) : b[i] + c[i] - a[i]
                            if s > bestScore { bestScore = s; expected = i }
                        }
                        let got = mul
                            ? ScoreKernels.bestCandidate(MulCombiner.self, a: a, b: b, c: c, count: n, excluded: excluded)
                            : ScoreKernels.bestCandidate(AddCombiner.self, a: a, b: b, c: c, count: n, excluded: excluded)
                        XCTAssertEqual(got, expected, "n \(n) mul \(mul)")
                        // The two-pass kernels agree too.
                        var out = [Float](repeating: 0, count: n)
                        out.withUnsafeMutableBufferPointer { o in
                            if mul { ScoreKernels.mul(a: a, b: b, c: c, out: o.baseAddress!, count: n) }
                            else { ScoreKernels.add(a: a, b: b, c: c, out: o.baseAddress!, count: n) }
                            for e in [excluded.x, excluded.y, excluded.z] { o[Int(e)] = -.infinity }
                            XCTAssertEqual(ScoreKernels.argmax(o.baseAddress!, count: n), expected, "n \(n) mul \(mul)")
                        }
                    }
                }
            }
        }
    }
}
