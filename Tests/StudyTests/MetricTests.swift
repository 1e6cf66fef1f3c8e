// Sensitivity, specificity, PPV, NPV and the ROC curve on the hand-worked set; AUC against a
// brute-force weighted Mann–Whitney count (ties half).
import Testing
@testable import Study

@Suite struct MetricTests {
    let samples = HandWorked.samples

    @Test func ratesAtAThreshold() throws {
        // score >= 0.5 is positive: TP 0.9 (1) + 0.8 (2) + 0.6 (1) = 4, FN 2; FP 0.8 (1) + 0.5 (3) = 4, TN 6.
        let m = ConfusionMatrix(samples: samples, threshold: 0.5)
        #expect(m == ConfusionMatrix(truePositives: 4, falsePositives: 4, trueNegatives: 6, falseNegatives: 2))
        #expect(m.sensitivity == 4.0 / 6)
        #expect(m.specificity == 0.6)
        #expect(m.positivePredictiveValue == 0.5)
        #expect(m.negativePredictiveValue == 0.75)
        // Ties at the threshold are positive.
        #expect(ConfusionMatrix(samples: samples, threshold: 0.4).sensitivity == 5.0 / 6)
    }

    @Test func undefinedRatesAreNil() {
        let m = ConfusionMatrix(samples: samples.filter { !$0.isCancer }, threshold: 2)
        #expect(m.sensitivity == nil)
        #expect(m.positivePredictiveValue == nil)
        #expect(m.specificity == 1)
    }

    @Test func rocCurveHasOnePointPerDistinctScore() throws {
        let roc = try ROCCurve(samples: samples)
        #expect(roc.points.map(\.threshold) == [.infinity, 0.9, 0.8, 0.6, 0.5, 0.4, 0.2, 0.1])
        let sixths: [Double] = [0, 1, 3, 4, 4, 5, 5, 6]
        let tenths: [Double] = [0, 0, 1, 1, 4, 6, 10, 10]
        #expect(roc.points.map(\.truePositiveRate) == sixths.map { $0 / 6 })
        #expect(roc.points.map(\.falsePositiveRate) == tenths.map { $0 / 10 })
    }

    @Test func areaIsTheWeightedMannWhitneyWithTiesHalf() throws {
        // By hand: sum over cancer x non-cancer pairs of w_c w_n (1 if the cancer scores higher,
        // 1/2 if tied) / (6 x 10). Cancer 0.9 beats all 10; 0.8 (x2) ties 1 and beats 9 → 2 x 9.5;
        // 0.6 beats 9; 0.4 ties 2 and beats 4 → 5; 0.1 beats none. (10 + 19 + 9 + 5) / 60.
        #expect(abs(try ROCCurve(samples: samples).area - 43.0 / 60) < 1e-12)
        #expect(abs(try ROCCurve(samples: samples).area - Self.mannWhitney(samples)) < 1e-12)
        var random = SplitMix64(seed: 7)
        let generated = (0..<300).map { _ in
            let cancer = random.next() % 4 == 0
            return ScoredSample(score: Double(random.index(below: 20) + (cancer ? 6 : 0)), isCancer: cancer,
                                weight: [0, 0.5, 1, 3][random.index(below: 4)])
        }
        #expect(abs(try ROCCurve(samples: generated).area - Self.mannWhitney(generated)) < 1e-12)
    }

    @Test func zeroWeightCasesAddNoPoint() throws {
        let roc = try ROCCurve(samples: samples + [ScoredSample(score: 0.55, isCancer: true, weight: 0)])
        #expect(!roc.points.contains { $0.threshold == 0.55 })
        #expect(roc == (try ROCCurve(samples: samples)))
    }

    @Test func areaIsUndefinedWithoutBothClasses() {
        #expect(throws: StudyError.self) { try ROCCurve(samples: samples.filter(\.isCancer)) }
        #expect(ROCCurve.area(samples.filter { !$0.isCancer }) == nil)
        #expect(throws: StudyError.self) { try ROCCurve(samples: samples + [ScoredSample(score: .infinity, isCancer: true)]) }
    }

    @Test func perfectAndReversedScores() throws {
        let perfect = [ScoredSample(score: 1, isCancer: true), ScoredSample(score: 0, isCancer: false)]
        #expect(try ROCCurve(samples: perfect).area == 1)
        #expect(try ROCCurve(samples: perfect.map { ScoredSample(score: -$0.score, isCancer: $0.isCancer) }).area == 0)
        #expect(try ROCCurve(samples: perfect.map { ScoredSample(score: 0.5, isCancer: $0.isCancer) }).area == 0.5)
    }

    static func mannWhitney(_ samples: [ScoredSample]) -> Double {
        var sum = 0.0, pairs = 0.0
        for c in samples where c.isCancer {
            for n in samples where !n.isCancer {
                let w = c.weight * n.weight
                pairs += w
                sum += c.score > n.score ? w : c.score == n.score ? w / 2 : 0
            }
        }
        return sum / pairs
    }
}
