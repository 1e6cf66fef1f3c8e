// Deterministic pseudo-random numbers for synthesis: the same seed gives the same bits on every
// platform and Swift version, so never the stdlib's `random(in:using:)` (its algorithm may change).
import Foundation

/// xoshiro256** seeded through SplitMix64, plus the few distributions Synth needs.
public struct SynthRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var sm = seed
        s0 = SynthRandom.splitMix(&sm)
        s1 = SynthRandom.splitMix(&sm)
        s2 = SynthRandom.splitMix(&sm)
        s3 = SynthRandom.splitMix(&sm)
    }

    /// A stream for a named purpose, independent of how many numbers other streams drew.
    public init(seed: UInt64, purpose: String, index: Int = 0) {
        self.init(seed: SynthRandom.key(seed, purpose, index))
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// Uniform integer in the closed range (Lemire's multiply-shift; its tiny bias is irrelevant here).
    public mutating func integer(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }  // the full 64-bit range
        let product = next().multipliedFullWidth(by: span)
        return range.lowerBound + Int(product.high)
    }

    /// True with probability p.
    public mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// Standard normal deviate (Box-Muller; one of the pair is dropped to keep the state simple).
    public mutating func normal() -> Double {
        SynthRandom.boxMuller(next(), next())
    }

    public mutating func normal(mean: Double, sd: Double) -> Double { mean + sd * normal() }

    /// Fisher-Yates shuffle with this generator.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = integer(0...i)
            items.swapAt(i, j)
        }
    }

    public mutating func pick<T>(_ items: [T]) -> T? {
        items.isEmpty ? nil : items[integer(0...(items.count - 1))]
    }

    // MARK: stateless helpers

    /// A 64-bit key from a seed, a label and an index; FNV-1a over the label so it is the same on
    /// every run (Swift's `Hasher` is randomly seeded per process).
    public static func key(_ seed: UInt64, _ purpose: String, _ index: Int = 0) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in purpose.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        return mix(mix(seed ^ h) ^ UInt64(bitPattern: Int64(index)))
    }

    /// SplitMix64's finaliser: a bijective 64-bit mixer, good enough as a counter-based generator.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A standard normal deviate that depends only on (key, counter): lets rows be filled in any
    /// order, or in parallel, with the same result.
    @inline(__always)
    public static func normal(key: UInt64, counter: UInt64) -> Double {
        let a = mix(key &+ counter &* 0x9e37_79b9_7f4a_7c15)
        let b = mix(a ^ 0x5851_f42d_4c95_7f2d)
        return boxMuller(a, b)
    }

    @inline(__always)
    static func boxMuller(_ a: UInt64, _ b: UInt64) -> Double {
        // u1 in (0, 1] so the log is finite.
        let u1 = (Double(a >> 11) + 1) * 0x1.0p-53
        let u2 = Double(b >> 11) * 0x1.0p-53
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state = state &+ 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
