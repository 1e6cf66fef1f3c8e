// AUC, ROC points, sensitivity, specificity, PPV, NPV and kappa equal to scikit-learn's on
// generated data (with weights, ties and zero weights); percentiles equal to numpy's; thresholds
// equal to a brute-force Python implementation of DOMAIN.md's rules.
import Testing
@testable import Study

@Suite struct SklearnParityTests {
    static let tolerance = 1e-12

    /// The oracle, or nil after recording why there is none (a failure where it is required).
    static func oracle() -> SklearnOracle? {
        switch SklearnOracle.availability {
        case .loaded(let oracle): return oracle
        case .missing(let why):
            #expect(!SklearnOracle.required, "\(why)")
            return nil
        case .failed(let why):
            Issue.record("\(why)")
            return nil
        }
    }

    static func samples(_ set: SklearnOracle.DataSet) -> [ScoredSample] {
        zip(zip(set.scores, set.labels), set.weights).map { ScoredSample(score: $0.0, isCancer: $0.1 == 1, weight: $1) }
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (a?, b?): abs(a - b) <= tolerance
        default: false
        }
    }

    @Test func aucAndROCCurve() throws {
        guard let oracle = Self.oracle() else { return }
        #expect(oracle.sets.count == 4)
        for set in oracle.sets {
            let roc = try ROCCurve(samples: Self.samples(set))
            #expect(abs(roc.area - set.auc) <= Self.tolerance, "\(set.name): AUC \(roc.area) vs scikit-learn \(set.auc)")
            #expect(roc.points.map(\.threshold) == set.roc.thresholds.map { $0 ?? .infinity }, "\(set.name)")
            #expect(zip(roc.points.map(\.falsePositiveRate), set.roc.fpr).allSatisfy { abs($0 - $1) <= Self.tolerance }, "\(set.name)")
            #expect(zip(roc.points.map(\.truePositiveRate), set.roc.tpr).allSatisfy { abs($0 - $1) <= Self.tolerance }, "\(set.name)")
        }
    }

    @Test func ratesAtThresholds() throws {
        guard let oracle = Self.oracle() else { return }
        for set in oracle.sets {
            for row in set.at {
                let m = ConfusionMatrix(samples: Self.samples(set), threshold: row.threshold)
                let label = "\(set.name) at \(row.threshold)"
                #expect(Self.close(m.sensitivity, row.sensitivity), "\(label): sensitivity \(String(describing: m.sensitivity)) vs \(String(describing: row.sensitivity))")
                #expect(Self.close(m.specificity, row.specificity), "\(label): specificity")
                #expect(Self.close(m.positivePredictiveValue, row.ppv), "\(label): PPV")
                #expect(Self.close(m.negativePredictiveValue, row.npv), "\(label): NPV")
            }
        }
    }

    @Test func referralThresholdsMatchBruteForce() throws {
        guard let oracle = Self.oracle() else { return }
        for set in oracle.sets {
            let calibration = try ReferralCalibration(samples: Self.samples(set))
            #expect(Dictionary(uniqueKeysWithValues: calibration.normalTriage.map { ($0.target.label, $0.threshold) }) == set.nt, "\(set.name)")
            #expect(Dictionary(uniqueKeysWithValues: calibration.safetyNet.map { ($0.target.label, $0.threshold) }) == set.sn, "\(set.name)")
        }
    }

    @Test func cohenKappa() throws {
        guard let oracle = Self.oracle() else { return }
        for case let reference in oracle.kappas {
            let kappa: CohenKappa
            if reference.name == "recall" {
                kappa = try CohenKappa(reference.first.map { $0 == "yes" }, reference.second.map { $0 == "yes" }, weights: reference.weights)
            } else {
                kappa = try CohenKappa(reference.first, reference.second, weights: reference.weights)
            }
            let value = try #require(kappa.value)
            #expect(abs(value - reference.kappa) <= Self.tolerance, "\(reference.name): \(value) vs scikit-learn \(reference.kappa)")
        }
    }

    @Test func percentilesLikeNumpy() throws {
        guard let oracle = Self.oracle() else { return }
        let sorted = oracle.percentiles.values.sorted()
        for (p, q) in zip(oracle.percentiles.probabilities, oracle.percentiles.quantiles) {
            #expect(abs(Bootstrap.quantile(sorted, p) - q) <= Self.tolerance, "p = \(p)")
        }
    }
}
