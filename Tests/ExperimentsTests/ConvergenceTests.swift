import XCTest
@testable import Experiments

final class ConvergenceTests: XCTestCase {
    func testConvergenceEpochIsWhereAccuracyStaysNearItsBest() {
        XCTAssertEqual(Convergence.epoch(devAccuracy: [10, 20, 29.6, 30, 29.8]), 3)
        XCTAssertEqual(Convergence.epoch(devAccuracy: [10, 30, 20, 29.9, 30]), 4, "a dip resets convergence")
        XCTAssertEqual(Convergence.epoch(devAccuracy: [5]), 1)
        XCTAssertEqual(Convergence.epoch(devAccuracy: [10, 20, 30], tolerance: 15), 2)
        XCTAssertNil(Convergence.epoch(devAccuracy: []))
        XCTAssertEqual(Convergence.epoch(devAccuracy: [10, 30, 29.8, 20]), 2, "a final drop: the first epoch that reached the band")
        XCTAssertEqual(Convergence.epoch(devAccuracy: [50, 40]), 1)
    }

    func testCompressionRate() {
        XCTAssertEqual(Convergence.compressionRate(strategyCost: 60, singleTaskCost: 100)!, 0.4, accuracy: 1e-12)
        XCTAssertEqual(Convergence.compressionRate(strategyCost: 150, singleTaskCost: 100)!, -0.5, accuracy: 1e-12)
        XCTAssertNil(Convergence.compressionRate(strategyCost: 1, singleTaskCost: 0))
    }

    func testEarlyStoppingWaitsForPatience() {
        var stop = EarlyStopping(patience: 2, minDelta: 0.1)
        XCTAssertFalse(stop.shouldStop(after: 10))
        XCTAssertFalse(stop.shouldStop(after: 12))
        XCTAssertFalse(stop.shouldStop(after: 12.05))
        XCTAssertFalse(stop.shouldStop(after: 13))
        XCTAssertFalse(stop.shouldStop(after: 12))
        XCTAssertTrue(stop.shouldStop(after: 13.05))
    }
}
