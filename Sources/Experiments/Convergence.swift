/// Convergence and cost comparisons of a run, from its per-epoch dev accuracy and cumulative cost.
public enum Convergence {
    /// The first epoch (1-based) from which dev accuracy stays within `tolerance` points of its
    /// best over the run; nil for an empty history. When the last epoch itself fell out of that
    /// band (dev accuracy dropped at the end), no epoch "stays": then the first epoch that reached
    /// the band (the dev-selected model, as early stopping would keep it).
    public static func epoch(devAccuracy: [Double], tolerance: Double = 0.5) -> Int? {
        guard let best = devAccuracy.max() else { return nil }
        if devAccuracy[devAccuracy.count - 1] < best - tolerance {
            return devAccuracy.firstIndex { $0 >= best - tolerance }! + 1
        }
        var first = devAccuracy.count
        for i in stride(from: devAccuracy.count - 1, through: 0, by: -1) {
            if devAccuracy[i] >= best - tolerance { first = i } else { break }
        }
        return first + 1
    }

    /// The paper's compression rate: 1 − cost(strategy, to converge) / cost(STL, to converge).
    public static func compressionRate(strategyCost: Double, singleTaskCost: Double) -> Double? {
        guard singleTaskCost > 0, strategyCost.isFinite else { return nil }
        return 1 - strategyCost / singleTaskCost
    }
}

/// Early stopping on dev accuracy: stop once `patience` epochs in a row bring no improvement of
/// more than `minDelta` points over the best so far.
public struct EarlyStopping: Sendable {
    public let patience: Int
    public let minDelta: Double
    public private(set) var best = -Double.infinity
    public private(set) var epochsWithoutImprovement = 0

    public init(patience: Int, minDelta: Double = 0) {
        precondition(patience >= 1 && minDelta >= 0)
        self.patience = patience
        self.minDelta = minDelta
    }

    /// Records an epoch's dev accuracy; true when training should stop now.
    public mutating func shouldStop(after devAccuracy: Double) -> Bool {
        if devAccuracy > best + minDelta {
            best = devAccuracy
            epochsWithoutImprovement = 0
        } else {
            best = max(best, devAccuracy)
            epochsWithoutImprovement += 1
        }
        return epochsWithoutImprovement >= patience
    }
}
