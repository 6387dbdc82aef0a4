/// The generator's state as four words, to save and restore a run exactly (`train --checkpoint`).
extension Xoshiro256 {
    public var state: [UInt64] { [s0, s1, s2, s3] }

    /// The generator whose state is `state` (four words, not all zero); nil otherwise.
    public init?(state: [UInt64]) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        self.init(seed: 0)
        s0 = state[0]; s1 = state[1]; s2 = state[2]; s3 = state[3]
    }
}
