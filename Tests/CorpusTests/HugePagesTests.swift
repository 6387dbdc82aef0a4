@testable import Corpus
import XCTest

/// Large blocks come from their own mapping (2 MiB aligned, zero-filled, given back on release);
/// small ones from malloc, 64-byte aligned.
final class HugePagesTests: XCTestCase {
    func testLargeBlocksAreHugePageAlignedZeroedAndReleasedToTheSystem() throws {
        let bytes = 5 << 20 + 123
        let p = HugePages.allocateZeroed(bytes: bytes)
        XCTAssertEqual(Int(bitPattern: p) % (2 << 20), 0, "2 MiB aligned")
        let bytesView = p.bindMemory(to: UInt8.self, capacity: bytes)
        var nonZero = 0
        for i in Swift.stride(from: 0, to: bytes, by: 4096) {  // every page: zero, then writable
            if bytesView[i] != 0 || bytesView[i + 4095 < bytes ? i + 4095 : bytes - 1] != 0 { nonZero += 1 }
            bytesView[i] = 1
        }
        XCTAssertEqual(nonZero, 0)
        bytesView[bytes - 1] = 1
        #if os(Linux)
        XCTAssertTrue(HugePagesTests.isMapped(p + (6 << 20) - 1), "whole huge pages mapped")
        #endif
        HugePages.release(p, bytes: bytes)
        #if os(Linux)
        XCTAssertFalse(HugePagesTests.isMapped(p), "the mapping is gone after release")
        XCTAssertFalse(HugePagesTests.isMapped(p + (6 << 20) - 1))
        #endif
    }

    func testSmallBlocksAreCacheLineAlignedAndZeroed() {
        for bytes in [1, 63, 64, 1000, (2 << 20) - 1] {
            let p = HugePages.allocateZeroed(bytes: bytes)
            XCTAssertEqual(Int(bitPattern: p) % 64, 0)
            let b = p.bindMemory(to: UInt8.self, capacity: bytes)
            XCTAssertTrue((0..<bytes).allSatisfy { b[$0] == 0 })
            b[bytes - 1] = 7
            HugePages.release(p, bytes: bytes)
        }
    }

    /// Whether address `p` lies in one of this process's mappings (/proc/self/maps).
    static func isMapped(_ p: UnsafeMutableRawPointer) -> Bool {
        guard let text = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return false }
        let address = UInt(bitPattern: p)
        return text.split(separator: "\n").contains { line in
            let range = line.prefix { $0 != " " }.split(separator: "-")
            guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16) else { return false }
            return address >= start && address < end
        }
    }
}
