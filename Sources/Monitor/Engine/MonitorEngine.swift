// The monitor's computation: exams → strata × windows → drift against the stratum's reference with
// window-size-calibrated limits, rates and KPIs, label-free and realised performance, EWMA charts, alarms.
// Pure: no I/O, the same report for the same inputs and seed.
import Dispatch
import Foundation
import MammoCore

public enum MonitorEngine {
    /// A stratum's own reference is used when it has at least this many units; else the whole reference.
    public static let minimumStratumReference = 100

    public static func run(exams: [MonitoredExam], reference: [MonitoredExam],
                           configuration: MonitorConfiguration) throws(MonitorError) -> MonitorReport {
        try configuration.validate()
        guard !reference.isEmpty else {
            throw MonitorError(context: "monitor", reason: "the reference period has no analysed exams")
        }
        for exam in exams where !exam.probability.isFinite {
            throw MonitorError(context: "monitor", reason: "exam \(exam.studyInstanceUID) has probability \(exam.probability)")
        }
        let from = configuration.from.flatMap { CalendarDay(yyyymmdd: $0) }
        let to = configuration.to.flatMap { CalendarDay(yyyymmdd: $0) }
        let byView = configuration.strata.contains(.view)

        // Group monitored units by stratum, then by window start.
        var groups: [String: [Int: [Unit]]] = [:]
        var keyCache: [StratumKeyParts: String] = [:]
        for (index, exam) in exams.enumerated() {
            guard let day = CalendarDay(yyyymmdd: exam.studyDate) else { continue }
            if let from, day < from { continue }
            if let to, to < day { continue }
            let start = configuration.window == .week ? day.mondayOfWeek.day : day.firstOfMonth.day
            forEachUnit(of: exam, index: index, byView: byView) { unit, view in
                let key = stratumKey(exam, view: view, strata: configuration.strata, cache: &keyCache)
                groups[key, default: [:]][start, default: []].append(unit)
            }
        }
        var referenceGroups: [String: [Unit]] = [:]
        var allReference: [Unit] = []
        for (index, exam) in reference.enumerated() where exam.probability.isFinite {
            forEachUnit(of: exam, index: index, byView: byView) { unit, view in
                let key = stratumKey(exam, view: view, strata: configuration.strata, cache: &keyCache)
                referenceGroups[key, default: []].append(unit)
                allReference.append(unit)
            }
        }
        let threshold = configuration.operatingThreshold
            ?? reference.lazy.filter(\.aiPositive).map(\.probability).min()

        // Strata are independent: computed side by side (a stratum that falls back to the whole reference
        // builds its own copy of it, so no cache is shared between threads).
        let strata = groups.keys.sorted()
        let results = ConcurrentSlots<[MonitorWindow]>(count: strata.count, initial: [])
        let ownReference = { @Sendable [referenceGroups] (stratum: String) -> [Unit]? in
            guard let own = referenceGroups[stratum], own.count >= minimumStratumReference else { return nil }
            return own
        }
        // Strata with too small a reference of their own share one whole-reference state (its limit cache too).
        let whole: StratumReference? = strata.contains { ownReference($0) == nil }
            ? StratumReference(units: allReference, scope: "all", source: reference, configuration: configuration) : nil
        let computeStratum: @Sendable (Int) -> Void = { [groups] index in
            let stratum = strata[index]
            var state: StratumReference
            if let own = ownReference(stratum) {
                state = StratumReference(units: own, scope: "stratum", source: reference, configuration: configuration)
            } else if let whole {
                state = whole
            } else {
                return
            }
            var charts = ChartSet(reference: state, lambda: configuration.ewmaLambda)
            let alarmTests = max(1, configuration.scoreAlarmStatistics.count + state.inputs.count + charts.count)
            let perTest = configuration.falseAlarmRate / Double(alarmTests)
            let byStart = groups[stratum] ?? [:]
            var stratumWindows: [MonitorWindow] = []
            // Subjects that signalled in each earlier window of the stratum, for the persistence rule.
            var signalled: [Set<String>] = []
            for start in byStart.keys.sorted() {
                let next = window(stratum: stratum, start: start, units: byStart[start] ?? [], exams: exams,
                                  reference: &state, charts: &charts, alarmTests: alarmTests, perTest: perTest,
                                  threshold: threshold, earlierSignals: signalled, configuration: configuration)
                signalled.append(Set(next.signals.map(\.subject)))
                stratumWindows.append(next)
            }
            results.set(index, stratumWindows)
        }
        DispatchQueue.concurrentPerform(iterations: strata.count, execute: computeStratum)
        let windows = results.all.flatMap { $0 }
        return MonitorReport(configuration: configuration, windows: windows)
    }

    // MARK: - Units and strata

    /// An exam, or one of its views when strata include .view.
    struct Unit: Sendable, Hashable {
        var exam: Int32
        /// -1 for the whole exam.
        var view: Int16
    }

    private static func forEachUnit(of exam: MonitoredExam, index: Int, byView: Bool, _ body: (Unit, String?) -> Void) {
        if byView {
            for (viewIndex, view) in exam.views.enumerated() where view.score.isFinite {
                body(Unit(exam: Int32(index), view: Int16(viewIndex)), view.view)
            }
        } else {
            body(Unit(exam: Int32(index), view: -1), nil)
        }
    }

    struct StratumKeyParts: Hashable {
        var site: String?, device: String?, view: String?, age: String?, density: String?
    }

    static func stratumKey(_ exam: MonitoredExam, view: String?, strata: [MonitorStratum],
                                   cache: inout [StratumKeyParts: String]) -> String {
        guard !strata.isEmpty else { return "all" }
        var parts = StratumKeyParts()
        for stratum in strata {
            switch stratum {
            case .site: parts.site = exam.site.isEmpty ? "unknown" : exam.site
            case .device: parts.device = exam.device.isEmpty ? "unknown" : exam.device
            case .view: parts.view = view ?? "unknown"
            case .age: parts.age = MonitorStratum.ageBand(exam.ageYears)
            case .density: parts.density = exam.density ?? "unknown"
            }
        }
        if let key = cache[parts] { return key }
        let key = strata.map { stratum -> String in
            switch stratum {
            case .site: "site=\(parts.site ?? "")"
            case .device: "device=\(parts.device ?? "")"
            case .view: "view=\(parts.view ?? "")"
            case .age: "age=\(parts.age ?? "")"
            case .density: "density=\(parts.density ?? "")"
            }
        }.joined(separator: ",")
        cache[parts] = key
        return key
    }

    static func score(of unit: Unit, in exams: [MonitoredExam]) -> Double {
        let exam = exams[Int(unit.exam)]
        return unit.view < 0 ? exam.probability : exam.views[Int(unit.view)].score
    }

    /// Appends the unit's values of each watched input (InputValues slots; every view's for an exam unit)
    /// to `values[k]`.
    static func appendInputs(of unit: Unit, in exams: [MonitoredExam], watched: [Int], into values: inout [[Double]]) {
        func add(_ view: ViewObservation) {
            for k in watched.indices {
                if let value = view.inputs[watched[k]], value.isFinite { values[k].append(value) }
            }
        }
        let views = exams[Int(unit.exam)].views
        if unit.view < 0 {
            for view in views { add(view) }
        } else {
            add(views[Int(unit.view)])
        }
    }

    // MARK: - The reference of a stratum

    /// The stratum's reference, sorted once, with its limit calibrators (whose caches fill as windows ask).
    struct StratumReference {
        var scope: String
        var units: Int
        var sortedScores: [Double]
        var score: AlarmLimitCalibrator
        /// Watched inputs present in the reference: (key, its InputValues slot, sorted values, calibrator).
        var inputs: [(key: String, slot: Int, sorted: [Double], calibrator: AlarmLimitCalibrator)]
        var aiPositiveRate: Double
        var readerRecallRate: Double?
        var referenceExams: Int
        var readExams: Int

        init(units: [Unit], scope: String, source: [MonitoredExam], configuration: MonitorConfiguration) {
            var seen = Set<Int32>()
            var exams: [MonitoredExam] = []
            for unit in units where seen.insert(unit.exam).inserted { exams.append(source[Int(unit.exam)]) }
            self.scope = scope
            self.units = units.count
            let scores = units.map { MonitorEngine.score(of: $0, in: source) }.filter(\.isFinite)
            var sortedScores = scores
            SortedSample.sort(&sortedScores)
            self.sortedScores = sortedScores
            score = AlarmLimitCalibrator(reference: scores, resamples: configuration.bootstrapResamples, seed: configuration.seed)
            // Watched inputs by slot; a name InputValues does not know has no values, so no figures.
            let watched = configuration.watchedInputs.compactMap { key in InputValues.index(of: key).map { (key: key, slot: $0) } }
            var values = [[Double]](repeating: [], count: watched.count)
            for unit in units { MonitorEngine.appendInputs(of: unit, in: source, watched: watched.map(\.slot), into: &values) }
            inputs = []
            for (k, input) in watched.enumerated() where !values[k].isEmpty {
                let calibrator = AlarmLimitCalibrator(reference: values[k], resamples: configuration.bootstrapResamples,
                                                      seed: configuration.seed &+ UInt64(k + 1) &* 0x5851_f42d_4c95_7f2d)
                inputs.append((input.key, input.slot, calibrator.sortedReference, calibrator))
            }
            referenceExams = exams.count
            readExams = exams.lazy.filter { $0.reading != nil }.count
            aiPositiveRate = exams.isEmpty ? 0 : Double(exams.lazy.filter(\.aiPositive).count) / Double(exams.count)
            let read = exams.compactMap(\.reading)
            readerRecallRate = read.isEmpty ? nil : Double(read.lazy.filter(\.recalled).count) / Double(read.count)
        }
    }

    /// The EWMA charts of one stratum: the AI-positive rate, and the reader recall rate where the reference was read.
    struct ChartSet {
        var aiPositive: EWMAChart?
        var readerRecall: EWMAChart?

        init(reference: StratumReference, lambda: Double) {
            if reference.aiPositiveRate > 0, reference.aiPositiveRate < 1 {
                aiPositive = EWMAChart(referenceRate: reference.aiPositiveRate, lambda: lambda, width: 3,
                                       referenceSize: reference.referenceExams)
            }
            if let rate = reference.readerRecallRate, rate > 0, rate < 1 {
                readerRecall = EWMAChart(referenceRate: rate, lambda: lambda, width: 3, referenceSize: reference.readExams)
            }
        }

        var count: Int { (aiPositive == nil ? 0 : 1) + (readerRecall == nil ? 0 : 1) }
    }

    // MARK: - One window

    private static func window(stratum: String, start: Int, units: [Unit], exams: [MonitoredExam],
                               reference: inout StratumReference, charts: inout ChartSet, alarmTests: Int, perTest: Double,
                               threshold: Double?, earlierSignals: [Set<String>],
                               configuration: MonitorConfiguration) -> MonitorWindow {
        let startDay = CalendarDay(day: start)
        let endDay = configuration.window == .week ? CalendarDay(day: start + 6) : startDay.lastOfMonth
        var scores = [Double]()
        scores.reserveCapacity(units.count)
        for unit in units { scores.append(score(of: unit, in: exams)) }
        SortedSample.sort(&scores)
        // Distinct exams (a view-stratum window holds each exam at most once per view label; dedupe anyway).
        var windowExams: [MonitoredExam] = []
        windowExams.reserveCapacity(units.count)
        if units.first?.view ?? -1 < 0 {
            // Exam units: each exam is in its window once.
            for unit in units { windowExams.append(exams[Int(unit.exam)]) }
        } else {
            var lastExam: Int32 = -1
            var seen = Set<Int32>()
            for unit in units where unit.exam != lastExam {
                lastExam = unit.exam
                if seen.insert(unit.exam).inserted { windowExams.append(exams[Int(unit.exam)]) }
            }
        }
        let eligible = units.count >= max(configuration.minimumExams, 1)
        // Every limit crossed in this window; `alarms` below keeps those the persistence rule confirms.
        var signals: [MonitorAlarm] = []

        // Score drift.
        var scoreFigures = DriftFigures(variable: "score", n: scores.count)
        if !scores.isEmpty, !reference.sortedScores.isEmpty {
            fill(&scoreFigures, reference: reference.sortedScores, sortedCurrent: scores, calibrator: &reference.score, perTest: perTest)
            if eligible {
                for statistic in configuration.scoreAlarmStatistics {
                    if let value = scoreFigures.value(statistic), let limit = scoreFigures.limit(statistic), value > limit {
                        signals.append(MonitorAlarm(kind: .drift, subject: "score", statistic: statistic.rawValue, value: value, limit: limit))
                    }
                }
            }
        }

        // Input drift.
        var inputValues = [[Double]](repeating: [], count: reference.inputs.count)
        let keys = reference.inputs.map(\.key)
        let slots = reference.inputs.map(\.slot)
        for unit in units { appendInputs(of: unit, in: exams, watched: slots, into: &inputValues) }
        var inputFigures: [DriftFigures] = []
        for k in reference.inputs.indices where !inputValues[k].isEmpty {
            SortedSample.sort(&inputValues[k])
            var figures = DriftFigures(variable: keys[k], n: inputValues[k].count)
            fill(&figures, reference: reference.inputs[k].sorted, sortedCurrent: inputValues[k],
                 calibrator: &reference.inputs[k].calibrator, perTest: perTest)
            let statistic = configuration.inputAlarmStatistic
            if eligible, let value = figures.value(statistic), let limit = figures.limit(statistic), value > limit {
                signals.append(MonitorAlarm(kind: .drift, subject: "input:\(keys[k])", statistic: statistic.rawValue, value: value, limit: limit))
            }
            inputFigures.append(figures)
        }

        // Rates, KPIs, estimates.
        let rates = AIRates(exams: windowExams)
        let kpis = ScreeningKPIsByAIShown(exams: windowExams)
        var probabilities = windowExams.map(\.probability)
        SortedSample.sort(&probabilities)
        let estimate = threshold.map { ConfidenceBasedEstimate.estimate(sortedProbabilities: probabilities, threshold: $0) }
            ?? ConfidenceBasedEstimate(rocAUC: ConfidenceBasedEstimate.rocAUC(sortedProbabilities: probabilities),
                                       sensitivity: nil, specificity: nil, expectedCancers: probabilities.reduce(0, +))
        let examProbabilities = windowExams.map(\.probability)
        let calibration = CalibrationCheck(probabilities: examProbabilities, exams: windowExams)
        let realised = RealisedPerformance(scores: examProbabilities, exams: windowExams)

        // Control charts.
        var chartStates: [ControlChartState] = []
        let width = NormalQuantile.value(1 - perTest / 2)
        func chart(_ chart: inout EWMAChart?, name: String, rate: RateEstimate) {
            guard var current = chart else { return }
            current.width = width
            if let point = current.add(events: rate.events, total: rate.total) {
                chartStates.append(ControlChartState(rate: name, referenceRate: current.referenceRate, value: point.rate,
                                                     ewma: point.ewma, lower: point.lower, upper: point.upper,
                                                     outOfControl: point.outOfControl))
                if point.outOfControl, eligible {
                    signals.append(MonitorAlarm(kind: .chart, subject: name, statistic: "ewma", value: point.ewma,
                                               limit: point.ewma > point.upper ? point.upper : point.lower))
                }
            }
            chart = current
        }
        chart(&charts.aiPositive, name: "aiPositiveRate", rate: rates.aiPositiveRate)
        chart(&charts.readerRecall, name: "readerRecallRate", rate: rates.readerRecallRate)

        // Persistence: a subject alarms when it also signalled in each of the previous (persistence − 1) windows.
        let earlier = earlierSignals.suffix(configuration.alarmPersistence - 1)
        let confirmed = earlier.count == configuration.alarmPersistence - 1
        let alarms = confirmed ? signals.filter { signal in earlier.allSatisfy { $0.contains(signal.subject) } } : []

        // Operating point: suggested only when the score distribution has shifted.
        var operatingPoint: OperatingPointSuggestion?
        if alarms.contains(where: { $0.kind == .drift && $0.subject == "score" }), let currentRate = rates.aiPositiveRate.rate {
            operatingPoint = OperatingPointSuggestion.aligning(sortedProbabilities: probabilities,
                                                               referencePositiveRate: reference.aiPositiveRate,
                                                               currentPositiveRate: currentRate, currentThreshold: threshold)
        }

        return MonitorWindow(
            start: startDay.isoText, end: endDay.isoText, stratum: stratum, n: units.count, exams: windowExams.count,
            referenceUnits: reference.units, referenceScope: reference.scope,
            psi: scoreFigures.psi, ks: scoreFigures.ks, ksP: scoreFigures.ksP, wasserstein: scoreFigures.wasserstein,
            aiPositiveRate: rates.aiPositiveRate.rate, estimatedAUC: estimate.rocAUC,
            estimatedSensitivity: estimate.sensitivity, estimatedSpecificity: estimate.specificity,
            operatingThreshold: threshold, score: scoreFigures, inputs: inputFigures, alarmTests: alarmTests,
            falseAlarmRatePerTest: perTest, alarmsEligible: eligible, signals: signals, alarms: alarms, rates: rates, kpis: kpis,
            estimate: estimate, calibration: calibration, realised: realised, controlCharts: chartStates,
            operatingPoint: operatingPoint)
    }

    private static func fill(_ figures: inout DriftFigures, reference: [Double], sortedCurrent: [Double],
                             calibrator: inout AlarmLimitCalibrator, perTest: Double) {
        figures.psi = PopulationStabilityIndex.value(sortedReference: reference, sortedCurrent: sortedCurrent)
        let both = WassersteinDistance.withKolmogorovSmirnov(sortedReference: reference, sortedCurrent: sortedCurrent)
        let ks = KolmogorovSmirnov.test(statistic: both.ks, referenceSize: reference.count, currentSize: sortedCurrent.count)
        figures.ks = ks.statistic
        figures.ksP = ks.pValue
        figures.ksExact = ks.exact
        figures.wasserstein = both.wasserstein
        let n = sortedCurrent.count
        figures.psiLimit = calibrator.limit(.psi, windowSize: n, falseAlarmRate: perTest)
        figures.ksLimit = calibrator.limit(.ks, windowSize: n, falseAlarmRate: perTest)
        figures.wassersteinLimit = calibrator.limit(.wasserstein, windowSize: n, falseAlarmRate: perTest)
    }
}
