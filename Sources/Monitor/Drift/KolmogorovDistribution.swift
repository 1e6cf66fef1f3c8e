// The survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, P(D_n > x), as
// scipy.stats.kstwo.sf computes it (stats/_ksstats.py _kolmogn after Simard & L'Ecuyer 2011): the
// asymptotic two-sample p-value is this law at n = round(n1·n2/(n1+n2)).
import Foundation

enum KolmogorovDistribution {
    private static let e128 = 128
    private static let ep128 = Foundation.scalbn(1.0, 128)
    private static let em128 = Foundation.scalbn(1.0, -128)

    static func survival(n: Int, x: Double) -> Double {
        guard n > 0, !x.isNaN else { return .nan }
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let nd = Double(n)
        let t = nd * x
        if t <= 1 {  // Ruben–Gambino: 1/2n <= x <= 1/n
            if t <= 0.5 { return 1 }
            let probability: Double
            if n <= 140 {
                var product = 1.0
                for i in 1...n { product *= Double(i) * (1.0 / nd) * (2 * t - 1) }
                probability = product
            } else {
                probability = Foundation.exp(logFactorialOverPower(n) + nd * Foundation.log(2 * t - 1))
            }
            return clip(1 - probability)
        }
        if t >= nd - 1 { return clip(2 * Foundation.pow(1 - x, nd)) }
        if x >= 0.5 { return clip(2 * smirnov(n: n, d: x)) }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 0.754693 { return clip(1 - durbinMatrix(n: n, d: x)) }
            if nxSquared <= 4 { return clip(1 - pomeranz(n: n, x: x)) }
            return clip(2 * smirnov(n: n, d: x))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clip(2 * smirnov(n: n, d: x)) }
        let cdf: Double
        if nxSquared >= 18 {
            cdf = 1
        } else if n <= 100_000, nd * Foundation.pow(x, 1.5) <= 1.4 {
            cdf = durbinMatrix(n: n, d: x)
        } else {
            cdf = pelzGood(n: n, x: x)
        }
        return clip(1 - cdf)
    }

    private static func clip(_ p: Double) -> Double { min(max(p, 0), 1) }

    private static func logGamma(_ x: Double) -> Double {
        let value: Double = Foundation.lgamma(x)
        return value
    }

    /// log(n! / n^n) by Stirling's series (scipy's _log_nfactorial_div_n_pow_n).
    private static func logFactorialOverPower(_ n: Int) -> Double {
        let coefficients = [-2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
                            8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
                            -2.7777777777777777778e-3, 8.3333333333333333333e-2]
        let nd = Double(n)
        let rn = 1.0 / nd
        var polynomial = 0.0
        for c in coefficients { polynomial = polynomial * (rn / nd) + c }
        return Foundation.log(nd) / 2 - nd + Foundation.log(2 * Double.pi) / 2 + rn * polynomial
    }

    /// P(D⁺_n > d), the one-sided survival (scipy.special.smirnov), by the Birnbaum–Tingey sum
    /// Σ_{v=0}^{⌊n(1−d)⌋} C(n,v) d (d + v/n)^(v−1) (1 − d − v/n)^(n−v), each term in logarithms.
    /// xsf evaluates the same sum in double-double; this agrees to ~1e-12, far inside the tests' 1e-6.
    static func smirnov(n: Int, d: Double) -> Double {
        if d <= 0 { return 1 }
        if d >= 1 { return 0 }
        let nd = Double(n)
        let last = Int((nd * (1 - d)).rounded(.down))
        let logN1 = logGamma(nd + 1)
        var sum = 0.0
        for v in 0...max(last, 0) {
            let vd = Double(v)
            let rest = 1 - d - vd / nd
            var logTerm = logN1 - logGamma(vd + 1) - logGamma(nd - vd + 1) + Foundation.log(d)
                + (vd - 1) * Foundation.log(d + vd / nd)
            if n - v > 0 {
                guard rest > 0 else { continue }
                logTerm += (nd - vd) * Foundation.log(rest)
            }
            sum += Foundation.exp(logTerm)
        }
        return clip(sum)
    }

    /// P(D_n <= d) by Durbin's matrix (Marsaglia, Tsang & Wang 2003), scipy's _kolmogn_DMTW.
    static func durbinMatrix(n: Int, d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var v = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        var factorial = 1.0
        for j in 1...m {
            w[j - 1] = factorial
            factorial /= Double(j)
            v[j - 1] = (1 - Foundation.pow(h, Double(j))) * factorial
        }
        let tt = Foundation.pow(max(2 * h - 1, 0), Double(m)) - 2 * Foundation.pow(h, Double(m))
        v[m - 1] = (1 + tt) * factorial
        // H[row][column], row-major m × m.
        var matrix = [Double](repeating: 0, count: m * m)
        for i in 1..<max(m, 1) {
            for row in (i - 1)..<m { matrix[row * m + i] = w[row - (i - 1)] }
        }
        for row in 0..<m { matrix[row * m] = v[row] }
        for column in 0..<m { matrix[(m - 1) * m + column] = v[m - 1 - column] }
        var power = [Double](repeating: 0, count: m * m)
        for i in 0..<m { power[i * m + i] = 1 }
        var scratch = [Double](repeating: 0, count: m * m)
        var remaining = n
        var exponent = 0, matrixExponent = 0
        while remaining > 0 {
            if remaining % 2 == 1 {
                multiply(power, matrix, into: &scratch, size: m)
                swap(&power, &scratch)
                exponent += matrixExponent
            }
            multiply(matrix, matrix, into: &scratch, size: m)
            swap(&matrix, &scratch)
            matrixExponent *= 2
            if abs(matrix[(k - 1) * m + (k - 1)]) > ep128 {
                for index in matrix.indices { matrix[index] /= ep128 }
                matrixExponent += e128
            }
            remaining /= 2
        }
        var p = power[(k - 1) * m + (k - 1)]
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < em128 {
                p *= ep128
                exponent -= e128
            }
        }
        if exponent != 0 { p = Foundation.scalbn(p, exponent) }
        return clip(p)
    }

    private static func multiply(_ a: [Double], _ b: [Double], into c: inout [Double], size m: Int) {
        for index in c.indices { c[index] = 0 }
        for i in 0..<m {
            for l in 0..<m {
                let ail = a[i * m + l]
                if ail == 0 { continue }
                for j in 0..<m { c[i * m + j] += ail * b[l * m + j] }
            }
        }
    }

    /// The interval [j1, j2] of row i in Pomeranz's recursion (scipy's _pomeranz_compute_j1j2).
    private static func pomeranzBounds(_ i: Int, _ n: Int, _ ll: Int, _ ceilf: Int, _ roundf: Int) -> (Int, Int) {
        var j1: Int, j2: Int
        if i == 0 {
            j1 = -ll - ceilf - 1
            j2 = ll + ceilf - 1
        } else {
            let half = (i + 1) / 2, odd = (i + 1) % 2
            if odd == 0 {  // i is odd
                if half == n + 1 {
                    j1 = n - ll - ceilf - 1
                    j2 = n + ll + ceilf - 1
                } else {
                    j1 = half - 1 - ll - roundf - 1
                    j2 = half + ll - 1 + ceilf - 1
                }
            } else {
                j1 = half - 1 - ll - 1
                j2 = half + ll + roundf - 1
            }
        }
        return (max(j1 + 2, 0), min(j2, n))
    }

    /// P(D_n <= x) by Pomeranz's recursion (1974), scipy's _kolmogn_Pomeranz (used for n <= 140).
    static func pomeranz(n: Int, x: Double) -> Double {
        let t = Double(n) * x
        let ll = Int(t.rounded(.down))
        let f = t - Double(ll)
        let g = min(f, 1 - f)
        let ceilf = f > 0 ? 1 : 0
        let roundf = f > 0.5 ? 1 : 0
        let powers = 2 * (ll + 1)
        var gPower = [Double](repeating: 1, count: powers)
        var twoGPower = [Double](repeating: 1, count: powers)
        var oneMinusTwoGPower = [Double](repeating: 1, count: powers)
        let nd = Double(n)
        for m in 1..<powers {
            gPower[m] = gPower[m - 1] * (g / nd) / Double(m)
            twoGPower[m] = twoGPower[m - 1] * (2 * g / nd) / Double(m)
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * ((1 - 2 * g) / nd) / Double(m)
        }
        var v0 = [Double](repeating: 0, count: powers)
        var v1 = [Double](repeating: 0, count: powers)
        v1[0] = 1
        var v0s = 0, v1s = 0
        var exponent = 0
        var (j1, j2) = pomeranzBounds(0, n, ll, ceilf, roundf)
        for i in 1..<(2 * n + 2) {
            let k1 = j1
            swap(&v0, &v1)
            swap(&v0s, &v1s)
            for index in v1.indices { v1[index] = 0 }
            (j1, j2) = pomeranzBounds(i, n, ll, ceilf, roundf)
            let weights = (i == 1 || i == 2 * n + 1) ? gPower : (i % 2 == 1 ? twoGPower : oneMinusTwoGPower)
            let length = j2 - k1 + 1
            if length > 0 {
                // np.convolve(V0[k1 - V0s : k1 - V0s + length], weights[:length]), slices clipped like numpy's.
                let start = k1 - v0s
                let aCount = max(0, min(start + length, powers) - start)
                let bCount = min(length, powers)
                let convStart = j1 - k1, convLength = j2 - j1 + 1
                var anyPositive = false, maximum = -Double.infinity
                for out in 0..<max(convLength, 0) {
                    let index = convStart + out
                    var sum = 0.0
                    let lower = max(0, index - (bCount - 1)), upper = min(aCount - 1, index)
                    if lower <= upper {
                        for a in lower...upper { sum += v0[start + a] * weights[index - a] }
                    }
                    v1[out] = sum
                }
                for value in v1 { maximum = max(maximum, value); if value > 0 { anyPositive = true } }
                if anyPositive, maximum < em128 {
                    for index in v1.indices { v1[index] *= ep128 }
                    exponent -= e128
                }
                v1s = v0s + j1 - k1
            }
        }
        var answer = v1[n - v1s]
        for m in 1...n {
            if abs(answer) > ep128 {
                answer *= em128
                exponent += e128
            }
            answer *= Double(m)
        }
        if exponent != 0 { answer = Foundation.scalbn(answer, exponent) }
        return clip(answer)
    }

    /// The Pelz–Good approximation of P(D_n <= x) (scipy's _kolmogn_PelzGood).
    static func pelzGood(n: Int, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let pi2 = Double.pi * Double.pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2
        let sqrt2pi = (2 * Double.pi).squareRoot()
        let z = Double(n).squareRoot() * x
        let z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2
        let qlog = -pi2 / 8 / z2
        if qlog < -708 { return 0 }
        var q = Foundation.exp(qlog)
        let k1a = -z2, k1b = pi2 / 4
        let k2a = 6 * z6 + 2 * z4
        let k2b = (2 * z4 - 5 * z2) * pi2 / 4
        let k2c = pi4 * (1 - 2 * z2) / 16
        let k3d = pi6 * (5 - 30 * z2) / 64
        let k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = pi2 * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * Foundation.pow(z, 8)
        var k = [0.0, 0.0, 0.0, 0.0]
        let maxk = Int((16 * z / Double.pi).rounded(.up))
        if maxk >= 1 {
            for kk in stride(from: maxk, through: 1, by: -1) {
                let m = Double(2 * kk - 1)
                let m2 = m * m, m4 = m2 * m2, m6 = m4 * m2
                let qpower = Foundation.pow(q, Double(8 * kk))
                let coefficients = [1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6]
                for i in 0..<4 { k[i] = k[i] * qpower + coefficients[i] }
            }
        }
        let divisors = [z, 6 * z4, 72 * Foundation.pow(z, 7), 6480 * Foundation.pow(z, 10)]
        for i in 0..<4 { k[i] = k[i] * q * sqrt2pi / divisors[i] }
        q = Foundation.exp(-pi2 / 2 / z2)
        var k2extra = 0.0, k3extra = 0.0
        let sqrt3z = 3.0.squareRoot() * z
        if maxk >= 1 {
            for kk in stride(from: maxk, through: 1, by: -1) {
                let ks = Double(kk), ksquared = ks * ks
                let qpower = Foundation.pow(q, ksquared)
                k2extra += ksquared * qpower
                let kspi = Double.pi * ks
                k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksquared * qpower
            }
        }
        k[2] += k2extra * pi2 * sqrt2pi / (-36 * z3)
        k[3] += k3extra * pi2 * sqrt2pi / (216 * z6)
        var sum = 0.0
        for i in 0..<4 { sum += k[i] / Foundation.pow(Double(n), Double(i) / 2) }
        return sum
    }
}
