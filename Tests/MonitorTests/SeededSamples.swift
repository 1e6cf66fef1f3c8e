// Seeded test samples (SplitMix64, Box–Muller), the same on every platform.
import Foundation
import Study

struct SeededSamples {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func uniform() -> Double { Double(random.next() >> 11) * 0x1p-53 }

    mutating func normal(mean: Double = 0, deviation: Double = 1) -> Double {
        let u1 = max(uniform(), 1e-300), u2 = uniform()
        return mean + deviation * (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    mutating func normals(_ count: Int, mean: Double = 0, deviation: Double = 1) -> [Double] {
        (0..<count).map { _ in normal(mean: mean, deviation: deviation) }
    }

    /// Calibrated-looking probabilities skewed towards 0, as a screening population's are.
    mutating func skewedProbabilities(_ count: Int, logitMean: Double = -4, logitDeviation: Double = 1.5) -> [Double] {
        (0..<count).map { _ in 1 / (1 + Foundation.exp(-normal(mean: logitMean, deviation: logitDeviation))) }
    }
}
