// The bootstrap's random numbers. SplitMix64 (Steele, Lea & Flood 2014, as in Vigna's reference
// code): tiny, fast, passes BigCrush, and gives the same bits for a seed on every platform and
// Swift version — the stdlib's generators and `Int.random(in:using:)` promise neither.

public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// An index in 0..<count by Lemire's multiply-shift (our own, so it never changes under us;
    /// its bias, below count / 2^64, is far beneath bootstrap noise). `count` must be > 0.
    public mutating func index(below count: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(count)).high)
    }
}
