import XCTest
@testable import Embeddings

final class AuxiliaryWeightScheduleTests: XCTestCase {
    func testSingleTaskIsZeroAndInactive() {
        let s = SingleTaskSchedule()
        for t in [0.0, 0.5, 3, 100] {
            XCTAssertEqual(s.weight(at: t), 0)
            XCTAssertFalse(s.isActive(at: t))
        }
    }

    func testConstantKeepsGamma0() {
        let s = ConstantSchedule(gamma0: 0.3)
        XCTAssertEqual(s.weight(at: 0), 0.3)
        XCTAssertEqual(s.weight(at: 7.5), 0.3)
        XCTAssertTrue(s.isActive(at: 7.5))
        XCTAssertFalse(ConstantSchedule(gamma0: 0).isActive(at: 0))
    }

    func testDiminishFollowsTheFormula() {
        let s = DiminishSchedule(gamma0: 2, eta: 0.5, nu: 2)
        XCTAssertEqual(s.weight(at: 0), 2, accuracy: 1e-12)
        XCTAssertEqual(s.weight(at: 1), 2 * exp(-0.5), accuracy: 1e-12)
        XCTAssertEqual(s.weight(at: 3), 2 * exp(-4.5), accuracy: 1e-12)
        var previous = Double.infinity
        for t in stride(from: 0.0, through: 10, by: 0.25) {
            XCTAssertLessThan(s.weight(at: t), previous)
            previous = s.weight(at: t)
            XCTAssertTrue(s.isActive(at: t), "diminish keeps computing the auxiliary tasks")
        }
    }

    func testSwitchStopsAtTheSwitchEpoch() {
        let s = SwitchSchedule(gamma0: 0.5, switchAt: 2)
        XCTAssertEqual(s.weight(at: 0), 0.5)
        XCTAssertEqual(s.weight(at: 1.999), 0.5)
        XCTAssertTrue(s.isActive(at: 1.999))
        XCTAssertEqual(s.weight(at: 2), 0)
        XCTAssertFalse(s.isActive(at: 2))
        XCTAssertFalse(s.isActive(at: 9))
    }

    func testAdaptiveSwitchesWhenDevAccuracyPlateaus() {
        var s = AdaptiveSchedule(gamma0: 1, signal: .devAccuracy, threshold: 0.5, window: 2, after: .stop)
        for (epoch, accuracy) in [(1, 10.0), (2, 20.0), (3, 30.0), (4, 30.3)].map({ ($0.0, $0.1) }) {
            s.observe(epoch: epoch, signal: accuracy)
            XCTAssertNil(s.triggeredAt, "still improving by more than 0.5 over the last 2 epochs at epoch \(epoch)")
            XCTAssertTrue(s.isActive(at: Double(epoch) + 0.5))
        }
        s.observe(epoch: 5, signal: 29.0)  // best of epochs 4-5 (30.3) beats best before (30) by 0.3
        XCTAssertEqual(s.triggeredAt, 5)
        XCTAssertEqual(s.weight(at: 4.9), 1)
        XCTAssertEqual(s.weight(at: 5.1), 0)
        XCTAssertFalse(s.isActive(at: 5.1))
        s.observe(epoch: 6, signal: 50)
        XCTAssertEqual(s.triggeredAt, 5, "the trigger fires once")
    }

    func testAdaptiveOnLossDecaysAfterTrigger() {
        var s = AdaptiveSchedule(gamma0: 2, signal: .primaryLoss, threshold: 0.01, window: 1,
                                 after: .decay(eta: 1, nu: 1))
        s.observe(epoch: 1, signal: 3.0)
        s.observe(epoch: 2, signal: 2.5)
        XCTAssertNil(s.triggeredAt)
        s.observe(epoch: 3, signal: 2.495)  // improved by 0.005 <= 0.01
        XCTAssertEqual(s.triggeredAt, 3)
        XCTAssertEqual(s.weight(at: 2.5), 2)
        XCTAssertEqual(s.weight(at: 4), 2 * exp(-1), accuracy: 1e-12)
        XCTAssertTrue(s.isActive(at: 4))
    }

    func testParametersValidation() throws {
        var p = ScheduleParameters()
        p.kind = .switch
        p.switchAt = 6
        XCTAssertThrowsError(try p.validate(epochs: 5)) { error in
            XCTAssertTrue("\(error)".contains("--switch-at"), "\(error)")
        }
        p.switchAt = 5
        XCTAssertNoThrow(try p.validate(epochs: 5))
        p.gamma0 = -1
        XCTAssertThrowsError(try p.validate(epochs: 5)) { XCTAssertTrue("\($0)".contains("--gamma0")) }
        p.gamma0 = 1
        p.kind = .diminish
        p.eta = -0.1
        XCTAssertThrowsError(try p.validate(epochs: 5)) { XCTAssertTrue("\($0)".contains("--eta")) }
        p.eta = .nan
        XCTAssertThrowsError(try p.validate(epochs: 5))
    }

    func testMakeScheduleBuildsEachKind() {
        var p = ScheduleParameters()
        for kind in ScheduleKind.allCases {
            p.kind = kind
            XCTAssertEqual(p.makeSchedule().name, kind.rawValue)
        }
    }
}

final class LearningRateScheduleTests: XCTestCase {
    func testLinearAndCosineEndpointsAndMidpoint() {
        for s in LearningRateSchedule.allCases {
            XCTAssertEqual(s.alpha(start: 0.025, end: 0.0001, fraction: 0), 0.025, accuracy: 1e-7)
            XCTAssertEqual(s.alpha(start: 0.025, end: 0.0001, fraction: 1), 0.0001, accuracy: 1e-7)
            XCTAssertEqual(s.alpha(start: 0.025, end: 0.0001, fraction: 0.5), 0.01255, accuracy: 1e-6)
        }
        // Cosine stays higher early and lower late than linear.
        XCTAssertGreaterThan(LearningRateSchedule.cosine.alpha(start: 1, end: 0, fraction: 0.25), 0.75)
        XCTAssertLessThan(LearningRateSchedule.cosine.alpha(start: 1, end: 0, fraction: 0.75), 0.25)
    }
}

final class ScheduleRegistryTests: XCTestCase {
    func testRampFadesLinearlyAndStopsAtItsDeclaredEnd() throws {
        var p = ScheduleParameters()
        p.kind = try XCTUnwrap(ScheduleKind(rawValue: "ramp"))
        p.gamma0 = 2
        p.values["ramp-until"] = 2
        try p.validate(epochs: 3)
        let s = p.makeSchedule()
        XCTAssertEqual(s.name, "ramp")
        XCTAssertEqual(s.weight(at: 0), 2, accuracy: 1e-12)
        XCTAssertEqual(s.weight(at: 0.5), 1.5, accuracy: 1e-12)
        XCTAssertEqual(s.weight(at: 1.5), 0.5, accuracy: 1e-12)
        XCTAssertTrue(s.isActive(at: 1.99))
        XCTAssertFalse(s.isActive(at: 2))
        XCTAssertEqual(s.weight(at: 2.5), 0)
        p.values["ramp-until"] = 4
        XCTAssertThrowsError(try p.validate(epochs: 3)) { XCTAssertTrue("\($0)".contains("ramp-until"), "\($0)") }
        p.values = [:]
        XCTAssertNoThrow(try p.validate(epochs: 3), "default ramp-until 1")
    }

    func testUndeclaredParameterIsAnErrorNamingTheDeclaredOnes() {
        var p = ScheduleParameters()
        p.kind = .mtl
        p.values["bogus"] = 1
        XCTAssertThrowsError(try p.validate(epochs: 3)) {
            XCTAssertTrue("\($0)".contains("'bogus'") && "\($0)".contains("ramp-until"), "\($0)")
        }
    }

    func testTheRegistryListsEveryScheduleOnceAndTheExperimentDefaultsArethePapers() {
        XCTAssertEqual(ScheduleKind.allCases.map(\.rawValue), ["stl", "mtl", "diminish", "switch", "adaptive", "ramp"])
        XCTAssertEqual(ScheduleKind.experimentDefaults.map(\.rawValue), ["stl", "mtl", "diminish", "switch", "adaptive"])
        XCTAssertEqual(ScheduleKind.switch.paperLabel, "MT2ST-S")
    }
}
