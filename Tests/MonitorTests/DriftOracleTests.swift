// The drift statistics against the field's tools on the same arrays: Evidently's PSI, SciPy's
// ks_2samp (exact and asymptotic p-values) and wasserstein_distance, to 1e-6.
import Foundation
import Testing
@testable import Monitor

@Suite("Drift statistics against Evidently and SciPy", .serialized) struct DriftOracleTests {
    /// (name, reference, current): shifted normals, ties, small n, sizes around KS's exact/asymptotic switch.
    static func cases() -> [(String, [Double], [Double])] {
        var s = SeededSamples(seed: 18)
        var cases: [(String, [Double], [Double])] = []
        cases.append(("normal vs shifted", s.normals(500), s.normals(300, mean: 0.3)))
        cases.append(("same law", s.normals(1000), s.normals(1000)))
        cases.append(("scale change", s.normals(800), s.normals(200, deviation: 1.6)))
        cases.append(("ties (rounded)", s.normals(400).map { ($0 * 4).rounded() / 4 }, s.normals(250, mean: 0.2).map { ($0 * 4).rounded() / 4 }))
        cases.append(("few categories", (0..<300).map { Double($0 % 5) }, (0..<120).map { Double(($0 * 7) % 6) }))
        cases.append(("small n", s.normals(12), s.normals(7, mean: 0.8)))
        cases.append(("tiny n", [0.1, 0.4, 0.35, 0.8], [0.2, 0.9, 0.7]))
        cases.append(("exact at 10000", s.normals(10_000), s.normals(3_000, mean: 0.05)))
        // A drifted window: p-value far below 1e-12, taken from the asymptotic law without the lattice walk.
        cases.append(("far drifted", s.normals(300), s.normals(6_400, mean: 1.5)))
        cases.append(("drifted, p near 1e-18", s.normals(300), s.normals(6_400, mean: 0.75)))
        cases.append(("drifted, p near 1e-12", s.normals(300), s.normals(6_400, mean: 0.55)))
        cases.append(("asymptotic at 10001", s.normals(10_001), s.normals(3_000, mean: 0.05)))
        cases.append(("asymptotic, small window", s.normals(20_000), s.normals(60, mean: 0.3)))
        cases.append(("asymptotic, mid window", s.normals(12_000), s.normals(400, mean: 0.1)))
        cases.append(("asymptotic, big shift", s.normals(15_000), s.normals(2_000, mean: 0.5)))
        cases.append(("skewed probabilities", s.skewedProbabilities(2_000), s.skewedProbabilities(500, logitMean: -3.6)))
        cases.append(("equal sizes", s.normals(600), s.normals(600, mean: 0.15)))
        // The asymptotic law's other branches: Pomeranz (n <= 140), Durbin's matrix, Pelz–Good.
        cases.append(("asymptotic, n=100 same law", s.normals(20_000), s.normals(100)))
        cases.append(("asymptotic, n=50 same law", s.normals(12_000), s.normals(50)))
        cases.append(("asymptotic, n=3000 same law", s.normals(10_500), s.normals(3_000)))
        cases.append(("asymptotic, n=8000 same law", s.normals(30_000), s.normals(8_000)))
        return cases
    }

    @Test func populationStabilityIndexEqualsEvidently() throws {
        guard MonitorOracle.available else {
            #expect(!MonitorOracle.required, "\(MonitorOracle.missingMessage)")
            return
        }
        let cases = Self.cases()
        let results = try MonitorOracle.run("psi", cases: cases.map { ["reference": $0.1, "current": $0.2] })
        for ((name, reference, current), oracle) in zip(cases, results) {
            let ours = try PopulationStabilityIndex.value(reference: reference, current: current)
            let theirs = try #require(oracle["psi"])
            #expect(abs(ours - theirs) <= 1e-6, "\(name): PSI \(ours) vs Evidently \(theirs)")
        }
    }

    @Test func kolmogorovSmirnovEqualsSciPy() throws {
        guard MonitorOracle.available else {
            #expect(!MonitorOracle.required, "\(MonitorOracle.missingMessage)")
            return
        }
        let cases = Self.cases()
        let results = try MonitorOracle.run("ks", cases: cases.map { ["reference": $0.1, "current": $0.2] })
        for ((name, reference, current), oracle) in zip(cases, results) {
            let ours = try KolmogorovSmirnov.test(reference: reference, current: current)
            let statistic = try #require(oracle["statistic"]), pValue = try #require(oracle["pvalue"])
            #expect(abs(ours.statistic - statistic) <= 1e-6, "\(name): D \(ours.statistic) vs SciPy \(statistic)")
            #expect(abs(ours.pValue - pValue) <= 1e-6, "\(name): p \(ours.pValue) vs SciPy \(pValue) (exact: \(ours.exact))")
            // Exact up to scipy's switch, except where the p-value is far below anything 1e-6 can tell apart.
            let exactExpected = max(reference.count, current.count) <= 10_000
            #expect(ours.exact == exactExpected || (!ours.exact && pValue < 1e-12), "\(name) (p \(pValue), exact: \(ours.exact))")
        }
    }

    @Test func wassersteinEqualsSciPy() throws {
        guard MonitorOracle.available else {
            #expect(!MonitorOracle.required, "\(MonitorOracle.missingMessage)")
            return
        }
        let cases = Self.cases()
        let results = try MonitorOracle.run("wasserstein", cases: cases.map { ["reference": $0.1, "current": $0.2] })
        for ((name, reference, current), oracle) in zip(cases, results) {
            let ours = try WassersteinDistance.value(reference: reference, current: current)
            let theirs = try #require(oracle["distance"])
            #expect(abs(ours - theirs) <= 1e-6, "\(name): W1 \(ours) vs SciPy \(theirs)")
            // The engine's one-pass KS + Wasserstein gives the same figures.
            let both = WassersteinDistance.withKolmogorovSmirnov(sortedReference: reference.sorted(), sortedCurrent: current.sorted())
            #expect(abs(both.wasserstein - theirs) <= 1e-6, "\(name): fused W1 \(both.wasserstein)")
            #expect(both.ks == KolmogorovSmirnov.statistic(sortedReference: reference.sorted(), sortedCurrent: current.sorted()))
        }
    }

    /// Each branch of scipy's _kolmogn survival: Ruben–Gambino, Durbin's matrix, Pomeranz, Pelz–Good,
    /// Smirnov's one-sided sum, at small (≤ 140) and large n.
    @Test func kolmogorovLawEqualsSciPyOnEveryBranch() throws {
        guard MonitorOracle.available else {
            #expect(!MonitorOracle.required, "\(MonitorOracle.missingMessage)")
            return
        }
        let points: [(Int, Double)] = [
            (50, 0.015), (50, 0.99), (50, 0.6), (50, 0.08), (50, 0.2), (50, 0.4), (140, 0.05), (141, 0.004),
            (400, 0.02), (400, 0.05), (2_000, 0.004), (2_000, 0.01), (2_000, 0.04), (5_000, 0.02), (120_000, 0.002),
            (9_000, 0.0006),
        ]
        let results = try MonitorOracle.run("kstwo", cases: points.map { ["n": $0.0, "x": $0.1] })
        for ((n, x), oracle) in zip(points, results) {
            let theirs = try #require(oracle["sf"])
            let ours = KolmogorovDistribution.survival(n: n, x: x)
            #expect(abs(ours - theirs) <= 1e-6, "kstwo.sf(\(x), \(n)): \(ours) vs SciPy \(theirs)")
        }
    }
}
