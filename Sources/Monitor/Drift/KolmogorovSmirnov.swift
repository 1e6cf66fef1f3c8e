// The two-sample Kolmogorov–Smirnov test as scipy.stats.ks_2samp(ref, cur) computes it with its default
// method "auto": the exact p-value when max(n1, n2) ≤ 10000, else the asymptotic one (kstwo at round(en)).

import Foundation

public struct KolmogorovSmirnov: Sendable, Hashable, Codable {
    /// sup |F_ref − F_cur|; on the exact path, rounded to the lattice h / lcm(n1, n2) as scipy returns it.
    public var statistic: Double
    public var pValue: Double
    /// Whether the p-value came from the exact lattice-path count (else the asymptotic kstwo law).
    public var exact: Bool

    public init(statistic: Double, pValue: Double, exact: Bool) {
        self.statistic = statistic
        self.pValue = pValue
        self.exact = exact
    }

    /// scipy's MAX_AUTO_N: above it "auto" goes asymptotic.
    public static let maximumExactSize = 10_000

    public static func test(reference: [Double], current: [Double]) throws(MonitorError) -> KolmogorovSmirnov {
        guard !reference.isEmpty, !current.isEmpty else {
            throw MonitorError(context: "Kolmogorov–Smirnov test", reason: "the reference or the current sample is empty")
        }
        guard reference.allSatisfy({ !$0.isNaN }), current.allSatisfy({ !$0.isNaN }) else {
            throw MonitorError(context: "Kolmogorov–Smirnov test", reason: "values must not be NaN")
        }
        return test(sortedReference: reference.sorted(), sortedCurrent: current.sorted())
    }

    /// Both sorted ascending and non-empty. The exact path costs O(max(n) · D · min(n)) steps (scipy's
    /// Viehmann recursion walks a band of width ~2·D·n), bounded by 10000² = 10⁸ at the switch point.
    public static func test(sortedReference: [Double], sortedCurrent: [Double]) -> KolmogorovSmirnov {
        test(statistic: statistic(sortedReference: sortedReference, sortedCurrent: sortedCurrent),
             referenceSize: sortedReference.count, currentSize: sortedCurrent.count)
    }

    /// The p-value (and scipy's rounded statistic) for a statistic `d` already computed from samples of these sizes.
    static func test(statistic d: Double, referenceSize n1: Int, currentSize n2: Int) -> KolmogorovSmirnov {
        if max(n1, n2) <= maximumExactSize, !negligible(d: d, n1: n1, n2: n2) {
            let g = greatestCommonDivisor(n1, n2)
            let lcm = (n1 / g) * n2
            let h = Int((d * Double(lcm)).rounded(.toNearestOrEven))
            let rounded = Double(h) / Double(lcm)
            if h == 0 { return KolmogorovSmirnov(statistic: rounded, pValue: 1, exact: true) }
            let probability = n1 == n2
                ? probabilityOutsideSquare(n: n1, h: h)
                : outerProbabilityInside(m: n1, n: n2, g: g, h: h)
            if probability >= 0, probability <= 1 {
                return KolmogorovSmirnov(statistic: rounded, pValue: probability, exact: true)
            }
            // scipy falls back to the asymptotic law keeping the rounded statistic.
            return KolmogorovSmirnov(statistic: rounded, pValue: asymptotic(d: rounded, n1: n1, n2: n2), exact: false)
        }
        return KolmogorovSmirnov(statistic: d, pValue: asymptotic(d: d, n1: n1, n2: n2), exact: false)
    }

    /// Whether the exact p-value is far below 1e-6, so the cheap asymptotic one equals scipy's exact value
    /// to much better than that: the two-sample DKW bound 2·exp(−2 d² mn/(m+n)) is below 1e-20 (a margin of
    /// 10⁸ over 1e-12 for the bound's finite-sample constant), or the asymptotic law itself puts the p-value
    /// below 1e-15 (the exact law is never 10⁹ times it). A drifted window's lattice walk costs up to
    /// O(m·n) and decides nothing: a million-exam run spent a third of its time there.
    static func negligible(d: Double, n1: Int, n2: Int) -> Bool {
        let en = Double(n1) * Double(n2) / Double(n1 + n2)
        if 2 * Foundation.exp(-2 * d * d * en) < 1e-20 { return true }
        // kstwo's tail is cheap only where the walk is dear; small samples walk quickly.
        return Double(n1) * Double(n2) > 1e5 && asymptotic(d: d, n1: n1, n2: n2) < 1e-15
    }

    /// kstwo.sf(d, round(m·n / (m + n))), clipped to [0, 1].
    static func asymptotic(d: Double, n1: Int, n2: Int) -> Double {
        let m = Double(max(n1, n2)), n = Double(min(n1, n2))
        let en = (m * n / (m + n)).rounded(.toNearestOrEven)
        return min(max(KolmogorovDistribution.survival(n: Int(en), x: d), 0), 1)
    }

    /// sup over the pooled values of |F_ref − F_cur| (right-continuous ECDFs), as ks_2samp picks it:
    /// the larger of max(F_ref − F_cur) and max(F_cur − F_ref). No allocation: the bootstrap calls it often.
    public static func statistic(sortedReference u: [Double], sortedCurrent v: [Double]) -> Double {
        let uSize = Double(u.count), vSize = Double(v.count)
        var i = 0, j = 0
        var maximum = -Double.infinity, minimum = Double.infinity
        while i < u.count || j < v.count {
            let value: Double
            if j >= v.count || (i < u.count && u[i] <= v[j]) { value = u[i] } else { value = v[j] }
            while i < u.count, u[i] <= value { i += 1 }
            while j < v.count, v[j] <= value { j += 1 }
            let difference = Double(i) / uSize - Double(j) / vSize
            if difference > maximum { maximum = difference }
            if difference < minimum { minimum = difference }
        }
        let below = min(max(-minimum, 0), 1)
        return below > maximum ? below : maximum
    }

    static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var a = a, b = b
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// P(D_{n,n} ≥ h/n) for equal sizes: 2 Σ ±binom(2n, n − kh)/binom(2n, n), evaluated Horner-like to avoid
    /// cancellation (scipy's _compute_prob_outside_square).
    static func probabilityOutsideSquare(n: Int, h: Int) -> Double {
        var p = 0.0
        var k = n / h
        while k >= 0 {
            var p1 = 1.0
            for j in 0..<h {
                p1 = Double(n - k * h - j) * p1 / Double(n + k * h + j + 1)
            }
            p = p1 * (1.0 - p)
            k -= 1
        }
        return 2 * p
    }

    /// 1 − the share of lattice paths from (0,0) to (m,n) that stay strictly inside |x/m − y/n| < h/lcm,
    /// computed directly as 1 − p by Viehmann's recursion (arXiv 2102.08037), as scipy's
    /// _compute_outer_prob_inside_method: one sliding column of the path-count matrix.
    static func outerProbabilityInside(m: Int, n: Int, g: Int, h: Int) -> Double {
        let (m, n) = m < n ? (n, m) : (m, n)
        let mg = m / g, ng = n / g
        var minj = 0
        var maxj = min(Int((Double(h) / Double(mg)).rounded(.up)), n + 1)
        var curlen = maxj - minj
        let lenA = min(2 * maxj + 2, n + 1)
        var a = [Double](repeating: 1, count: max(lenA, 1))
        for index in minj..<min(maxj, a.count) { a[index] = 0 }
        return a.withUnsafeMutableBufferPointer { a -> Double in
            for i in 1...m {
                let lastminj = minj, lastlen = curlen
                minj = max(Int((Double(ng * i - h) / Double(mg)).rounded(.down)) + 1, 0)
                minj = min(minj, n)
                maxj = min(Int((Double(ng * i + h) / Double(mg)).rounded(.up)), n + 1)
                if maxj <= minj { return 1.0 }
                var value = minj == 0 ? 0.0 : 1.0
                let di = Double(i)
                for jj in 0..<(maxj - minj) {
                    let j = jj + minj
                    value = (a[jj + minj - lastminj] * di + value * Double(j)) / (di + Double(j))
                    a[jj] = value
                }
                curlen = maxj - minj
                if lastlen > curlen {
                    for index in (maxj - minj)..<min(maxj - minj + lastlen - curlen, a.count) { a[index] = 1 }
                }
            }
            return a[maxj - minj - 1]
        }
    }
}
