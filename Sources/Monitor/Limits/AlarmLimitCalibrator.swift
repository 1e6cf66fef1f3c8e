// Alarm limits for the drift statistics calibrated to the window size: a fixed "PSI > 0.1" false-alarms at
// 100 exams and never fires at 10,000, so each limit is the statistic's (1 − α') quantile under no drift,
// from bootstrap pairs (pseudo-reference and pseudo-window both drawn with replacement from the reference),
// seeded, cached per window size. Past the simulation caps the spread is scaled by its asymptotic rate.
import Foundation
import Study

public struct AlarmLimitCalibrator: Sendable {
    /// Pseudo-references are drawn at min(reference size, this) and pseudo-windows at min(n, simulatedWindowCap).
    /// Beyond them the null spread follows its large-sample law, so a limit simulated at (n_s, N_s) is scaled to
    /// (n, N) by ((1/n + 1/N) / (1/n_s + 1/N_s))^e: e = 1/2 for KS and Wasserstein (√ of the ECDF variance),
    /// e = 1 for PSI (a χ²-like divergence), times (k − 1)/(k_s − 1) for PSI's Sturges bin counts k.
    /// Within both caps the factor is 1: the limit is the plain bootstrap quantile. This keeps a
    /// million-exam run to one simulation per variable for all large windows.
    /// For small windows the pseudo-reference shrinks to max(1000, 10 n_s) (still within the cap): its own
    /// noise is then a tenth of the window's, and the scale factor above accounts for it exactly as for the cap.
    public static let pseudoReferenceCap = 5_000
    public static let simulatedWindowCap = 2_000

    static func pseudoReferenceSize(referenceSize: Int, simulatedWindow n: Int) -> Int {
        min(referenceSize, pseudoReferenceCap, max(1_000, 10 * n))
    }

    public let sortedReference: [Double]
    public let resamples: Int
    public let seed: UInt64
    /// Null values of each statistic per simulated window size, sorted ascending; shared by copies of the
    /// calibrator (strata that fall back to the whole reference use one), safe across threads.
    private let cache = NullCache()

    final class NullCache: @unchecked Sendable {
        private var values: [Int: [DriftStatistic: [Double]]] = [:]
        private let lock = NSLock()

        func get(_ n: Int) -> [DriftStatistic: [Double]]? {
            lock.lock()
            defer { lock.unlock() }
            return values[n]
        }

        func set(_ n: Int, _ value: [DriftStatistic: [Double]]) {
            lock.lock()
            values[n] = value
            lock.unlock()
        }
    }

    /// `reference` non-empty and finite.
    public init(reference: [Double], resamples: Int, seed: UInt64) {
        var sorted = reference
        SortedSample.sort(&sorted)
        sortedReference = sorted
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

    /// The (1 − falseAlarmRate) quantile of `statistic` between the reference and a window of `windowSize`
    /// under no drift. From the B sorted null values: the order statistic ⌈(B + 1)(1 − α)⌉ when at least 10
    /// resamples lie beyond it; else an exponential tail fitted to the top 10 % (q₀.₉ + mean excess ·
    /// ln(0.1/α)) — one order statistic far out in the tail is too noisy to hold a false-alarm rate, and KS,
    /// Wasserstein and PSI have tails no heavier than exponential, so the fit errs towards fewer alarms.
    public func limit(_ statistic: DriftStatistic, windowSize: Int, falseAlarmRate: Double) -> Double {
        let simulated = min(Self.bucket(windowSize), Self.simulatedWindowCap)
        let values = nullValues(simulatedWindowSize: simulated)[statistic] ?? []
        guard !values.isEmpty else { return .infinity }
        let quantile = Self.upperQuantile(values, falseAlarmRate)
        return quantile * scale(statistic, from: simulated, to: Self.bucket(windowSize))
    }

    static func upperQuantile(_ values: [Double], _ alpha: Double) -> Double {
        let count = values.count
        if Double(count) * alpha >= 10 {
            let rank = Int((Double(count + 1) * (1 - alpha)).rounded(.up))
            return values[min(max(rank, 1), count) - 1]
        }
        let tailStart = min(count - 1, Int((Double(count) * 0.9).rounded(.down)))
        let threshold = values[tailStart]
        var excess = 0.0
        for value in values[tailStart...] { excess += value - threshold }
        excess /= Double(count - tailStart)
        return threshold + excess * Foundation.log(0.1 / min(alpha, 0.1))
    }

    private func scale(_ statistic: DriftStatistic, from simulated: Int, to n: Int) -> Double {
        let size = sortedReference.count
        let pseudo = Self.pseudoReferenceSize(referenceSize: size, simulatedWindow: simulated)
        let ratio = (1 / Double(n) + 1 / Double(size)) / (1 / Double(simulated) + 1 / Double(pseudo))
        switch statistic {
        case .ks, .wasserstein:
            return ratio.squareRoot()
        case .psi:
            func bins(_ total: Int) -> Double { (Foundation.log2(Double(total)) + 1).rounded(.up) }
            return ratio * max(bins(n + size) - 1, 1) / max(bins(simulated + pseudo) - 1, 1)
        }
    }

    /// The sorted null values of every statistic at a simulated window size.
    /// (Two threads asking for the same new size may both simulate it; seeded by n, they agree.)
    func nullValues(simulatedWindowSize n: Int) -> [DriftStatistic: [Double]] {
        if let cached = cache.get(n) { return cached }
        let values = Self.simulate(sortedReference: sortedReference, windowSize: n, resamples: resamples,
                                   seed: seed ^ (UInt64(n) &* 0x9e37_79b9_7f4a_7c15))
        cache.set(n, values)
        return values
    }

    static func simulate(sortedReference: [Double], windowSize n: Int, resamples: Int, seed: UInt64) -> [DriftStatistic: [Double]] {
        var random = SplitMix64(seed: seed)
        let size = sortedReference.count
        guard size > 0 else { return [:] }
        let pseudoSize = pseudoReferenceSize(referenceSize: size, simulatedWindow: n)
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
            let both = WassersteinDistance.withKolmogorovSmirnov(sortedReference: pseudoReference, sortedCurrent: pseudoWindow)
            ks.append(both.ks)
            wasserstein.append(both.wasserstein)
            psi.append(PopulationStabilityIndex.value(sortedReference: pseudoReference, sortedCurrent: pseudoWindow, scratch: &scratch))
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
            SortedSample.sort(&output)
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
