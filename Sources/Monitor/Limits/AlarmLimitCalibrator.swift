// Alarm limits for the drift statistics calibrated to the window size: a fixed "PSI > 0.1" false-alarms at
// 100 exams and never fires at 10,000, so each limit is the statistic's (1 − α') quantile under no drift,
// from bootstrap pairs (pseudo-reference of the reference's size, pseudo-window of size n, both drawn with
// replacement from the reference), seeded, cached per window size.
import Foundation
import Study

public struct AlarmLimitCalibrator: Sendable {
    /// Pseudo-references are drawn at min(reference size, this): past it a larger reference changes the null
    /// spread little (for KS it scales as √(1/n + 1/N)), and a smaller pseudo-reference only widens the
    /// limit (fewer alarms, never more), while keeping each resample O(cap).
    public static let pseudoReferenceCap = 20_000

    public let sortedReference: [Double]
    public let resamples: Int
    public let seed: UInt64
    /// Null values of each statistic per (bucketed) window size, sorted ascending.
    private var cache: [Int: [DriftStatistic: [Double]]] = [:]

    /// `reference` non-empty and finite.
    public init(reference: [Double], resamples: Int, seed: UInt64) {
        sortedReference = reference.sorted()
        self.resamples = max(resamples, 1)
        self.seed = seed
    }

    /// Window sizes up to 64 are their own bucket; above, sizes round down onto a geometric grid of 16 steps
    /// per doubling (≈ 4.4 % apart). Rounding down is conservative: a smaller n has the wider null spread.
    public static func bucket(_ n: Int) -> Int {
        guard n > 64 else { return max(n, 1) }
        var k = Int((16 * Foundation.log2(Double(n) / 64)).rounded(.down))
        var size = Int((64 * Foundation.pow(2, Double(k) / 16)).rounded(.up))
        while size > n { k -= 1; size = Int((64 * Foundation.pow(2, Double(k) / 16)).rounded(.up)) }
        return max(size, 65)
    }

    /// The (1 − falseAlarmRate) quantile of `statistic` between a reference-sized sample and a window of
    /// `windowSize`, both from the reference: the order statistic ⌈(B + 1)(1 − α)⌉ of B resamples (the
    /// largest when B is too small for α), which errs towards fewer alarms.
    public mutating func limit(_ statistic: DriftStatistic, windowSize: Int, falseAlarmRate: Double) -> Double {
        let values = nullValues(windowSize: windowSize)[statistic] ?? []
        guard !values.isEmpty else { return .infinity }
        let rank = Int((Double(values.count + 1) * (1 - falseAlarmRate)).rounded(.up))
        return values[min(max(rank, 1), values.count) - 1]
    }

    /// The sorted null values of every statistic for the bucket of `windowSize`.
    public mutating func nullValues(windowSize: Int) -> [DriftStatistic: [Double]] {
        let n = Self.bucket(windowSize)
        if let cached = cache[n] { return cached }
        let values = Self.simulate(sortedReference: sortedReference, windowSize: n, resamples: resamples,
                                   seed: seed ^ (UInt64(n) &* 0x9e37_79b9_7f4a_7c15))
        cache[n] = values
        return values
    }

    static func simulate(sortedReference: [Double], windowSize n: Int, resamples: Int, seed: UInt64) -> [DriftStatistic: [Double]] {
        var random = SplitMix64(seed: seed)
        let size = sortedReference.count
        guard size > 0 else { return [:] }
        let pseudoSize = min(size, pseudoReferenceCap)
        var counts = [Int32](repeating: 0, count: size)
        var pseudoReference = [Double](), pseudoWindow = [Double]()
        pseudoReference.reserveCapacity(pseudoSize)
        pseudoWindow.reserveCapacity(n)
        var psi = [Double](), ks = [Double](), wasserstein = [Double]()
        psi.reserveCapacity(resamples); ks.reserveCapacity(resamples); wasserstein.reserveCapacity(resamples)
        var scratch = PopulationStabilityIndex.Scratch()
        for _ in 0..<resamples {
            draw(sortedReference, count: pseudoSize, into: &pseudoReference, counts: &counts, random: &random)
            draw(sortedReference, count: n, into: &pseudoWindow, counts: &counts, random: &random)
            ks.append(KolmogorovSmirnov.statistic(sortedReference: pseudoReference, sortedCurrent: pseudoWindow))
            psi.append(PopulationStabilityIndex.value(sortedReference: pseudoReference, sortedCurrent: pseudoWindow, scratch: &scratch))
            wasserstein.append(WassersteinDistance.value(sortedReference: pseudoReference, sortedCurrent: pseudoWindow))
        }
        psi.sort(); ks.sort(); wasserstein.sort()
        return [.psi: psi, .ks: ks, .wasserstein: wasserstein]
    }

    /// `count` draws with replacement from the sorted reference, left sorted: by counting draws per index
    /// (O(size + count)) when the draw is large, else by sorting the few values drawn.
    private static func draw(_ sorted: [Double], count: Int, into output: inout [Double], counts: inout [Int32],
                             random: inout SplitMix64) {
        output.removeAll(keepingCapacity: true)
        let size = sorted.count
        if count * 8 < size {
            for _ in 0..<count { output.append(sorted[random.index(below: size)]) }
            output.sort()
            return
        }
        counts.withUnsafeMutableBufferPointer { counts in
            for _ in 0..<count { counts[random.index(below: size)] += 1 }
            for index in 0..<size where counts[index] > 0 {
                for _ in 0..<counts[index] { output.append(sorted[index]) }
                counts[index] = 0
            }
        }
    }
}
