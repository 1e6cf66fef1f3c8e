// The label-free estimate against NannyML's CBPE estimators on the same probabilities and threshold, to 0.01.
import Foundation
import Testing
@testable import Monitor

@Suite("CBPE against NannyML") struct EstimationOracleTests {
    @Test func confidenceBasedEstimateEqualsNannyML() throws {
        guard MonitorOracle.available else {
            #expect(!MonitorOracle.required, "\(MonitorOracle.missingMessage)")
            return
        }
        var s = SeededSamples(seed: 7)
        let cases: [(String, [Double], Double)] = [
            ("screening-skewed", s.skewedProbabilities(3_000), 0.05),
            ("very skewed, low threshold", s.skewedProbabilities(1_500, logitMean: -5.5, logitDeviation: 1.2), 0.01),
            ("enriched", s.skewedProbabilities(800, logitMean: -1, logitDeviation: 2), 0.3),
            ("ties", s.skewedProbabilities(600, logitMean: -2).map { ($0 * 50).rounded() / 50 }, 0.1),
            ("small n", s.skewedProbabilities(25, logitMean: -1.5), 0.2),
        ]
        let results = try MonitorOracle.run("cbpe", cases: cases.map { ["probabilities": $0.1, "threshold": $0.2] })
        for ((name, probabilities, threshold), oracle) in zip(cases, results) {
            let ours = ConfidenceBasedEstimate.estimate(probabilities: probabilities, threshold: threshold)
            let auc = try #require(oracle["rocAUC"]), sensitivity = try #require(oracle["sensitivity"])
            let specificity = try #require(oracle["specificity"])
            #expect(abs((ours.rocAUC ?? -1) - auc) <= 0.01, "\(name): AUC \(String(describing: ours.rocAUC)) vs NannyML \(auc)")
            #expect(abs((ours.sensitivity ?? -1) - sensitivity) <= 0.01, "\(name): sensitivity vs NannyML \(sensitivity)")
            #expect(abs((ours.specificity ?? -1) - specificity) <= 0.01, "\(name): specificity vs NannyML \(specificity)")
        }
    }
}
