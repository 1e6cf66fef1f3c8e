// The mutable state one run threads through its layers.

/// Mutable state a run threads through the layers: the dropout RNG and the im2col scratch buffer.
struct RunContext {
    var options: RunOptions
    var random: SplitMix64?
    /// Reused between Conv nodes and runs: im2col columns.
    var scratch: [Float] = []

    init(options: RunOptions) {
        self.options = options
        random = options.monteCarloDropoutSeed.map(SplitMix64.init(seed:))
    }
}
