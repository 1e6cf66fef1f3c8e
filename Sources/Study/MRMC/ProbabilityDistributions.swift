// The distribution functions an MRMC test needs: Student's t, Snedecor's F, chi-square and the
// standard normal, from the regularized incomplete beta and gamma functions (continued
// fractions as in Numerical Recipes §6.2–6.4; lgamma from the C library). Accurate to ~1e-10,
// which is far finer than the 3 decimals an MRMC report prints.
import Foundation

public enum ProbabilityDistributions {
    /// I_x(a, b), the regularized incomplete beta function, 0 ≤ x ≤ 1.
    public static func incompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        guard x > 0 else { return 0 }
        guard x < 1 else { return 1 }
        let front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x))
        // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
        if x < (a + 1) / (a + b + 2) { return front * betaFraction(x, a, b) / a }
        return 1 - front * betaFraction(1 - x, b, a) / b
    }

    static func betaFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...400 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return h
    }

    /// Q(a, x), the regularized upper incomplete gamma function.
    public static func upperIncompleteGamma(_ a: Double, _ x: Double) -> Double {
        guard x > 0 else { return 1 }
        let logFront = -x + a * log(x) - lgamma(a)
        if x < a + 1 {
            var sum = 1 / a, term = sum, n = a
            for _ in 0..<1000 {
                n += 1; term *= x / n; sum += term
                if abs(term) < abs(sum) * 1e-16 { break }
            }
            return 1 - sum * exp(logFront)
        }
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1...1000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b; if abs(d) < tiny { d = tiny }
            c = b + an / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return exp(logFront) * h
    }

    /// P(F > f) for F with (d1, d2) degrees of freedom.
    public static func fSurvival(_ f: Double, _ d1: Double, _ d2: Double) -> Double {
        guard f > 0 else { return 1 }
        return incompleteBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2)
    }

    /// P(X > x) for chi-square with `k` degrees of freedom.
    public static func chiSquareSurvival(_ x: Double, _ k: Double) -> Double { upperIncompleteGamma(k / 2, x / 2) }

    /// P(T ≤ t) for Student's t with `df` degrees of freedom (infinite: the normal).
    public static func tCDF(_ t: Double, _ df: Double) -> Double {
        guard df.isFinite else { return normalCDF(t) }
        let tail = incompleteBeta(df / (df + t * t), df / 2, 0.5) / 2
        return t >= 0 ? 1 - tail : tail
    }

    public static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.squareRoot()) }

    /// The p-quantile of Student's t (infinite df: the normal), by bisection on the CDF.
    public static func tQuantile(_ p: Double, _ df: Double) -> Double {
        var lo = -1e3, hi = 1e3
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if tCDF(mid, df) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
