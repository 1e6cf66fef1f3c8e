// Per-run choices: deterministic inference, or Monte-Carlo dropout with a seed.

public struct RunOptions: Sendable, Hashable {
    /// When set, Dropout nodes drop activations at their ratio using this seed (Monte-Carlo dropout).
    public var monteCarloDropoutSeed: UInt64?

    public init(monteCarloDropoutSeed: UInt64? = nil) {
        self.monteCarloDropoutSeed = monteCarloDropoutSeed
    }

    var monteCarloDropout: Bool { monteCarloDropoutSeed != nil }
}
