// Wilson intervals against textbook values, the KPIs and AI rates on a hand-made window, the EWMA limit
// formula, quantile realignment.
import Foundation
import Testing
@testable import Monitor

@Suite("Rates, charts and realignment") struct RateTests {
    @Test func wilsonMatchesTheTextbook() throws {
        // Newcombe (1998), Statistics in Medicine 17:857, table I: 81/263 → 0.2553 to 0.3662.
        let rate = RateEstimate(events: 81, total: 263)
        #expect(abs(try #require(rate.lower) - 0.2553) < 5e-5)
        #expect(abs(try #require(rate.upper) - 0.3662) < 5e-5)
        // 0/10: lower 0, upper 0.2775 (Newcombe's table, method 3).
        let none = RateEstimate(events: 0, total: 10)
        #expect(none.lower == 0)
        #expect(abs(try #require(none.upper) - 0.2775) < 5e-5)
        #expect(RateEstimate(events: 0, total: 0).rate == nil)
    }

    @Test func ewmaLimitsFollowTheFormula() {
        let p0 = 0.1, lambda = 0.2, n = 400
        var chart = EWMAChart(referenceRate: p0, lambda: lambda, width: 3)
        for t in 1...12 {
            guard let point = chart.add(events: 40, total: n) else { Issue.record("no point"); return }
            let sigma = (p0 * (1 - p0) / Double(n) * lambda / (2 - lambda) * (1 - pow(1 - lambda, 2 * Double(t)))).squareRoot()
            #expect(abs(point.upper - (p0 + 3 * sigma)) < 1e-12, "t=\(t)")
            #expect(abs(point.lower - (p0 - 3 * sigma)) < 1e-12, "t=\(t)")
            #expect(!point.outOfControl)
        }
        // A rate of 0.2 against 0.1 at n = 400 leaves the limits within a few windows.
        var shifted = EWMAChart(referenceRate: p0, lambda: lambda, width: 3)
        let points = (0..<4).compactMap { _ in shifted.add(events: 80, total: n) }
        #expect(points.last?.outOfControl == true)
        // Time-varying n: the variance sums each window's own 1/n.
        let variance = EWMAChart.variance(referenceRate: p0, lambda: lambda, windowSizes: [100, 1000])
        #expect(abs(variance - p0 * (1 - p0) * (pow(1 - lambda, 2) * lambda * lambda / 100 + lambda * lambda / 1000)) < 1e-15)
    }

    @Test func kpisCountTheScreeningOutcomes() {
        func exam(_ recalled: Bool?, aiShown: Bool = true, cancer: Bool? = nil, interval: Bool = false, ai: Bool = false) -> MonitoredExam {
            MonitoredExam(studyInstanceUID: UUID().uuidString, studyDate: "20260105", site: "", device: "", ageYears: 55, density: "B",
                          probability: ai ? 0.4 : 0.01, confidence: nil, views: [], aiPositive: ai, triagedNormal: !ai,
                          safetyNetAlert: ai, reading: recalled.map { .init(reader: "r1", aiShown: aiShown, recalled: $0) },
                          outcome: cancer.map { .init(cancer: $0, interval: interval) })
        }
        let exams = [
            exam(true, cancer: true, ai: true), exam(true, cancer: false, ai: true), exam(true, cancer: false),
            exam(false, cancer: true, interval: true), exam(false, cancer: false), exam(false), exam(nil, ai: true),
            exam(false, aiShown: false, cancer: false), exam(true, aiShown: false, cancer: true),
        ]
        let kpis = ScreeningKPIsByAIShown(exams: exams)
        #expect(kpis.all.readExams == 8)
        #expect(kpis.all.recallRate.events == 4)
        #expect(kpis.all.cancerDetectionRatePer1000.value == 2.0 / 8 * 1000)
        #expect(kpis.all.positivePredictiveValueOfRecall.rate == 2.0 / 4)
        #expect(kpis.all.intervalCancerProportion.rate == 1.0 / 3)
        #expect(kpis.aiShown.readExams == 6)
        #expect(kpis.aiNotShown.recallRate.rate == 0.5)
        let rates = AIRates(exams: exams)
        #expect(rates.aiPositiveRate.events == 3)
        #expect(rates.normalTriageFraction.rate == 6.0 / 9)
        // Disagreement: recalled without AI (2 of the recalls) + AI positive not recalled (none read) = 2 of 8.
        #expect(rates.aiReaderDisagreement.rate == 2.0 / 8)
    }

    @Test func quantileAlignmentRecoversTheReferencePositiveRate() throws {
        var s = SeededSamples(seed: 3)
        let reference = s.skewedProbabilities(20_000)
        let threshold = 0.05
        let referenceRate = Double(reference.filter { $0 >= threshold }.count) / Double(reference.count)
        // The same population scored higher (a new detector, a processing change): logits + 0.7.
        let shifted = reference.map { p -> Double in 1 / (1 + exp(-(log(p / (1 - p)) + 0.7))) }
        let shiftedRate = Double(shifted.filter { $0 >= threshold }.count) / Double(shifted.count)
        #expect(shiftedRate > referenceRate * 1.3)
        let suggestion = try #require(OperatingPointSuggestion.aligning(
            sortedProbabilities: shifted.sorted(), referencePositiveRate: referenceRate, currentPositiveRate: shiftedRate,
            currentThreshold: threshold))
        #expect(abs(suggestion.suggestedPositiveRate - referenceRate) < 0.001)
        // The shift is monotone, so the aligned threshold is the old one mapped through it.
        let mapped = 1 / (1 + exp(-(log(threshold / (1 - threshold)) + 0.7)))
        #expect(abs(suggestion.suggestedThreshold - mapped) < 0.005)
    }
}

@Suite("Active alarms") struct ActiveAlarmTests {
    static func window(_ stratum: String, _ start: String, alarms: [MonitorAlarm], chartOut: Bool = false, eligible: Bool = true) -> MonitorWindow {
        let none: [MonitoredExam] = []
        return MonitorWindow(
            start: start, end: start, stratum: stratum, n: eligible ? 100 : 5, exams: 100, referenceUnits: 1000, referenceScope: "stratum",
            psi: nil, ks: nil, ksP: nil, wasserstein: nil, aiPositiveRate: nil, estimatedAUC: nil, estimatedSensitivity: nil,
            estimatedSpecificity: nil, operatingThreshold: nil, score: DriftFigures(variable: "score", n: 0), inputs: [], alarmTests: 4,
            falseAlarmRatePerTest: 0.0125, alarmsEligible: eligible, signals: alarms, alarms: alarms, rates: AIRates(exams: none),
            kpis: ScreeningKPIsByAIShown(exams: none), estimate: ConfidenceBasedEstimate.estimate(probabilities: [], threshold: 0.1),
            calibration: nil, realised: nil,
            controlCharts: [ControlChartState(rate: "aiPositiveRate", referenceRate: 0.1, value: 0.2, ewma: chartOut ? 0.15 : 0.11,
                                              lower: 0.08, upper: 0.12, outOfControl: chartOut)],
            operatingPoint: nil)
    }

    @Test func onlyTheLatestWindowOfEachStratumCounts() {
        let drift = MonitorAlarm(kind: .drift, subject: "score", statistic: "ks", value: 0.3, limit: 0.1)
        let recovered = MonitorReport(configuration: MonitorConfiguration(), windows: [
            Self.window("site=A", "2026-01-05", alarms: [drift]), Self.window("site=A", "2026-01-12", alarms: []),
        ])
        #expect(!recovered.hasActiveAlarms)
        let chartStillOut = MonitorReport(configuration: MonitorConfiguration(), windows: [
            Self.window("site=A", "2026-01-05", alarms: []), Self.window("site=A", "2026-01-12", alarms: [], chartOut: true, eligible: false),
            Self.window("site=B", "2026-01-12", alarms: [drift]),
        ])
        #expect(chartStillOut.activeAlarms.map(\.stratum) == ["site=A", "site=B"])
        #expect(chartStillOut.activeAlarms.first?.alarm.kind == .chart)
    }
}
