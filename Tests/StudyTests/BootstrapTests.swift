// Seeded bootstrap: the same seed gives the same interval, another seed another; undefined
// resamples are skipped and counted; the generator matches SplitMix64's published outputs.
import Testing
@testable import Study

@Suite struct BootstrapTests {
    static func generated(count: Int, seed: UInt64) -> [ScoredSample] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let cancer = random.index(below: 5) == 0
            let noise = Double(random.next() >> 11) * 0x1.0p-53
            return ScoredSample(score: noise + (cancer ? 0.4 : 0), isCancer: cancer, weight: cancer ? 1 : 4)
        }
    }

    let samples = generated(count: 200, seed: 1)

    @Test func splitMix64KnownOutputs() {
        // Vigna's splitmix64.c from state 0.
        var random = SplitMix64(seed: 0)
        #expect([random.next(), random.next(), random.next()] == [0xe220_a839_7b1d_cdaf, 0x6e78_9e6a_a1b9_65f4, 0x06c4_5d18_8009_454f])
    }

    @Test func sameSeedSameIntervalOtherSeedOtherInterval() throws {
        let auc: ([ScoredSample]) -> Double? = ROCCurve.area
        let first = try Bootstrap.percentileInterval(cases: samples, resamples: 300, seed: 42, metric: auc)
        let again = try Bootstrap.percentileInterval(cases: samples, resamples: 300, seed: 42, metric: auc)
        let other = try Bootstrap.percentileInterval(cases: samples, resamples: 300, seed: 43, metric: auc)
        #expect(first == again)
        #expect(first.lower != other.lower || first.upper != other.upper)
        #expect(first.estimate == ROCCurve.area(samples))
        #expect(first.lower < first.estimate && first.estimate < first.upper)
        #expect(first.level == 0.95 && first.seed == 42)
        #expect(first.resamples + first.skipped == 300)
    }

    @Test func intervalNarrowsWithMoreCases() throws {
        let sensitivity: ([ScoredSample]) -> Double? = { ConfusionMatrix(samples: $0, threshold: 0.5).sensitivity }
        let small = try Bootstrap.percentileInterval(cases: Self.generated(count: 100, seed: 2), resamples: 400, seed: 5, metric: sensitivity)
        let large = try Bootstrap.percentileInterval(cases: Self.generated(count: 2000, seed: 2), resamples: 400, seed: 5, metric: sensitivity)
        #expect(large.upper - large.lower < small.upper - small.lower)
    }

    @Test func undefinedResamplesAreSkippedAndCounted() throws {
        // One cancer in 20 exams: about (19/20)^20 = 36% of resamples draw no cancer.
        let cases = (0..<20).map { ScoredSample(score: Double($0), isCancer: $0 == 19) }
        let interval = try Bootstrap.percentileInterval(cases: cases, resamples: 500, seed: 9) {
            ConfusionMatrix(samples: $0, threshold: 10).sensitivity
        }
        #expect(interval.skipped > 100 && interval.skipped < 260)
        #expect(interval.resamples == 500 - interval.skipped)
        #expect(interval.lower == 1 && interval.upper == 1)
    }

    @Test func errors() {
        let noCancers = samples.filter { !$0.isCancer }
        #expect(throws: StudyError.self) { try Bootstrap.percentileInterval(cases: noCancers, seed: 1, metric: ROCCurve.area) }
        #expect(throws: StudyError.self) { try Bootstrap.percentileInterval(cases: [ScoredSample](), seed: 1, metric: ROCCurve.area) }
        #expect(throws: StudyError.self) { try Bootstrap.percentileInterval(cases: samples, resamples: 0, seed: 1, metric: ROCCurve.area) }
        #expect(throws: StudyError.self) { try Bootstrap.percentileInterval(cases: samples, level: 1, seed: 1, metric: ROCCurve.area) }
    }

    @Test func quantileInterpolatesLikeNumpy() {
        // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 97.5, 100]) = 1, 1.75, 2.5, 3.925, 4
        let values = [1.0, 2, 3, 4]
        #expect(Bootstrap.quantile(values, 0) == 1)
        #expect(Bootstrap.quantile(values, 0.25) == 1.75)
        #expect(Bootstrap.quantile(values, 0.5) == 2.5)
        #expect(abs(Bootstrap.quantile(values, 0.975) - 3.925) < 1e-12)
        #expect(Bootstrap.quantile(values, 1) == 4)
        #expect(Bootstrap.quantile([7], 0.975) == 7)
    }
}
