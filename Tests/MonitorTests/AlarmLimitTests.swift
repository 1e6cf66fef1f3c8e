// The bootstrap alarm limits: they tighten as the window grows (about √100 = 10× for KS from n = 100 to
// 10,000), a stable stratum-window raises any alarm at most the configured rate, and a drifted one is flagged.
import Foundation
import Testing
@testable import Monitor

@Suite("Alarm limits calibrated to the window size") struct AlarmLimitTests {
    @Test func limitsTightenWithTheWindowSize() {
        var s = SeededSamples(seed: 11)
        var calibrator = AlarmLimitCalibrator(reference: s.normals(200_000), resamples: 200, seed: 1)
        let small = calibrator.limit(.ks, windowSize: 100, falseAlarmRate: 0.05)
        let large = calibrator.limit(.ks, windowSize: 10_000, falseAlarmRate: 0.05)
        // Capped pseudo-reference (20,000) adds √(1/10000 + 1/20000) vs √(1/10000): the ratio sits a bit under 10.
        #expect(small / large > 7 && small / large < 11, "KS limits \(small) at n=100, \(large) at n=10000")
        #expect(calibrator.limit(.psi, windowSize: 100, falseAlarmRate: 0.05) > 5 * calibrator.limit(.psi, windowSize: 10_000, falseAlarmRate: 0.05))
        // Seeded: the same limits again.
        var again = AlarmLimitCalibrator(reference: s.normals(1_000), resamples: 100, seed: 4)
        var twice = AlarmLimitCalibrator(reference: again.sortedReference, resamples: 100, seed: 4)
        #expect(again.limit(.wasserstein, windowSize: 77, falseAlarmRate: 0.01) == twice.limit(.wasserstein, windowSize: 77, falseAlarmRate: 0.01))
        // Buckets round down onto their grid and never exceed the size asked.
        for n in [65, 100, 999, 6_400, 10_000, 123_456] {
            let bucket = AlarmLimitCalibrator.bucket(n)
            #expect(bucket <= n && Double(bucket) > Double(n) / 1.05, "n=\(n) bucket \(bucket)")
        }
    }

    /// Reference scores and stable windows drawn from the same generator (not from the reference sample).
    static func exam(_ s: inout SeededSamples, day: String, shift: Double = 0) -> MonitoredExam {
        let logit = s.normal(mean: -3.5 + shift, deviation: 1.2)
        let p = 1 / (1 + exp(-logit))
        let views = ["RCC", "LCC", "RMLO", "LMLO"].map { label in
            ViewObservation(view: label, score: p, inputs: ["p50": s.normal(mean: 0.4, deviation: 0.05), "noise": s.normal(mean: 0.01, deviation: 0.002)])
        }
        return MonitoredExam(studyInstanceUID: "", studyDate: day, site: "Site A", device: "", ageYears: 58, density: "B",
                             probability: p, confidence: nil, views: views, aiPositive: p >= 0.1, triagedNormal: nil,
                             safetyNetAlert: nil, reading: nil, outcome: nil)
    }

    @Test func stableWindowsRaiseAlarmsAtMostTheConfiguredRate() throws {
        var s = SeededSamples(seed: 400)
        let reference = (0..<3_000).map { _ in Self.exam(&s, day: "20250601") }
        // 400 stable weekly windows of 50 exams each, one per week from 2026-01-05.
        var exams: [MonitoredExam] = []
        let start = CalendarDay(year: 2026, month: 1, dayOfMonth: 5)
        for week in 0..<400 {
            let c = CalendarDay(day: start.day + 7 * week).components
            let day = String(format: "%04d%02d%02d", c.year, c.month, c.day)
            for _ in 0..<50 { exams.append(Self.exam(&s, day: day)) }
        }
        // Persistence 1: every window's signals alarm, so this measures the limits themselves.
        let configuration = MonitorConfiguration(falseAlarmRate: 0.05, bootstrapResamples: 400, minimumExams: 30, alarmPersistence: 1,
                                                 watchedInputs: ["p50", "noise"], operatingThreshold: 0.1)
        let report = try MonitorEngine.run(exams: exams, reference: reference, configuration: configuration)
        #expect(report.windows.count == 400)
        let alarmed = report.windows.filter { !$0.alarms.isEmpty }.count
        // 0.05 + 2.33 binomial standard deviations at 400 windows (one-sided 1 %).
        let margin = 2.33 * (0.05 * 0.95 / 400).squareRoot()
        #expect(Double(alarmed) / 400 <= 0.05 + margin, "\(alarmed) of 400 stable windows alarmed")
        #expect(report.windows.allSatisfy { $0.alarmTests == 3 + 2 + 1 })
    }

    @Test func aDriftedWindowIsFlagged() throws {
        var s = SeededSamples(seed: 5)
        let reference = (0..<3_000).map { _ in Self.exam(&s, day: "20250601") }
        let stable = (0..<200).map { _ in Self.exam(&s, day: "20260105") }
        let drifted = (0..<200).map { _ in Self.exam(&s, day: "20260112", shift: 0.6) }
            + (0..<200).map { _ in Self.exam(&s, day: "20260119", shift: 0.6) }
        let report = try MonitorEngine.run(exams: stable + drifted, reference: reference,
                                           configuration: MonitorConfiguration(watchedInputs: ["p50"], operatingThreshold: 0.1))
        #expect(report.windows.count == 3)
        // The first drifted window signals; the persistence rule (2 by default) alarms on the second.
        let first = report.windows[1]
        #expect(first.signals.contains { $0.subject == "score" && $0.statistic == "ks" }, "\(first.signals.map(\.summary))")
        #expect(first.alarms.isEmpty, "\(first.alarms.map(\.summary))")
        let last = try #require(report.windows.last)
        #expect(last.start == "2026-01-19")
        #expect(last.alarms.contains { $0.subject == "score" && $0.statistic == "ks" }, "\(last.alarms.map(\.summary))")
        #expect(report.activeAlarms.contains { $0.alarm.subject == "score" })
        // At persistence 1 the first drifted window alarms at once.
        let immediate = try MonitorEngine.run(exams: stable + drifted, reference: reference,
                                              configuration: MonitorConfiguration(alarmPersistence: 1, watchedInputs: ["p50"],
                                                                                  operatingThreshold: 0.1))
        #expect(immediate.windows[1].alarms.contains { $0.subject == "score" })
        // The shifted scores get a realignment suggestion back towards the reference's positive rate.
        let suggestion = try #require(last.operatingPoint)
        #expect(suggestion.suggestedThreshold > 0.1)
        #expect(abs(suggestion.suggestedPositiveRate - suggestion.referencePositiveRate) < 0.02)
    }
}
