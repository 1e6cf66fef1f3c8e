// The monitor screen's overview from a library (off the UI loop): the watched model's exams
// against its validation reference (else the library's first eight weeks), by site, in weekly
// windows, with config.toml's [monitor] settings; and the mapping of any monitor report onto
// what the screen and `monitor --png` draw.
import Foundation
import MammoCore
import Monitor
import Store

extension MonitorOverview {
    /// What M on the worklist shows: the model with the most analysed studies, weekly by site.
    public static func compute(library: Database, settings: MonitorSettings = MonitorSettings(),
                               bundled: MonitorReferenceLocation? = nil) -> Result<MonitorOverview, WorkstationError> {
        do {
            let model = try MonitorLibrary.watchedModel(library, flag: nil)
            let configuration = MonitorLibrary.configuration(settings, strata: [.site])
            let exams = try MonitorLibrary.exams(library, model: model, from: nil, to: nil, perView: false)
            let (reference, referenceName) = try Self.reference(library, model: model, choice: settings.reference, bundled: bundled, exams: exams)
            let report = try MonitorEngine.run(exams: exams, reference: reference, configuration: configuration)
            return .success(MonitorOverview(report, exams: exams, title: title(model: model, reference: referenceName, configuration: configuration)))
        } catch let error as WorkstationError {
            return .failure(error)
        } catch {
            return .failure(WorkstationError(reason: "cannot compute the monitor: \(error)"))
        }
    }

    /// The line naming what is watched, the same over the screen, `monitor`'s table and its PNG:
    /// "mammoterm-lesion · reference validation · weekly windows · by site".
    public static func title(model: String, reference: String, configuration: MonitorConfiguration) -> String {
        let strata = configuration.strata.isEmpty ? "all exams" : "by " + configuration.strata.map(\.rawValue).joined(separator: ", ")
        return "\(PrintableText.clean(model)) · reference \(PrintableText.clean(reference)) · \(configuration.window.rawValue)ly windows · \(strata)"
    }

    /// The configured reference (as `monitor --reference`); with none configured, the bundled
    /// validation reference, else — another model — the first eight weeks of the library's own exams.
    static func reference(_ library: Database, model: String, choice: String?, bundled: MonitorReferenceLocation?,
                          exams: [MonitoredExam]) throws -> ([MonitoredExam], String) {
        let choice = choice ?? "validation"
        if choice != "validation" || bundled?.model == model {
            return (try MonitorLibrary.reference(library, model: model, choice: choice, bundled: bundled, perView: false),
                    PrintableText.clean(choice))
        }
        guard let first = exams.first.flatMap({ CalendarDay(yyyymmdd: $0.studyDate) }) else {
            throw WorkstationError(reason: "no dated analysed exams to monitor")
        }
        let end = CalendarDay(day: first.day + 55)
        let cut = exams.filter { CalendarDay(yyyymmdd: $0.studyDate).map { $0 <= end } ?? false }
        return (cut, "the first 8 weeks (\(first.isoText)–\(end.isoText))")
    }

    /// `report`'s windows as series per stratum; `exams` (what the report was made from) give each
    /// window the studies behind it.
    public init(_ report: MonitorReport, exams: [MonitoredExam], title: String) {
        let strata = report.configuration.strata
        var studies: [String: [String]] = [:]  // "stratum|start" → UIDs
        for window in report.windows where !studies.keys.contains(window.stratum + "|" + window.start) {
            studies[window.stratum + "|" + window.start] = []
        }
        let window = report.configuration.window
        for exam in exams {
            guard let day = CalendarDay(yyyymmdd: exam.studyDate) else { continue }
            let start = (window == .week ? day.mondayOfWeek : day.firstOfMonth).isoText
            let views: [String?] = strata.contains(.view) ? exam.views.map(\.view) : [nil]
            for view in views {
                let key = MonitorEngine.stratumKey(exam, view: view, strata: strata) + "|" + start
                if studies[key] != nil, studies[key]?.last != exam.studyInstanceUID { studies[key]?.append(exam.studyInstanceUID) }
            }
        }
        var series: [MonitorSeries] = []
        var notes: [String] = []
        for w in report.windows {
            let point = MonitorPoint(
                start: w.start, end: w.end, exams: w.exams, scoreDrift: w.ks, inputDrift: w.inputs.compactMap(\.ks).max(),
                aiPositiveRate: w.aiPositiveRate, estimatedAUC: w.estimatedAUC, recallRate: w.kpis.all.recallRate.rate,
                alarms: w.alarms.map(\.summary), details: Self.details(w), studies: studies[w.stratum + "|" + w.start] ?? [])
            if series.last?.stratum == w.stratum { series[series.count - 1].points.append(point) } else {
                series.append(MonitorSeries(stratum: PrintableText.clean(w.stratum), points: [point]))
            }
        }
        for item in report.activeAlarms {
            if let suggestion = report.windows.first(where: { $0.stratum == item.stratum && $0.start == item.start })?.operatingPoint,
               !notes.contains(where: { $0.hasPrefix(PrintableText.clean(item.stratum)) }) {
                notes.append("\(PrintableText.clean(item.stratum)): a threshold of \(Self.number(suggestion.suggestedThreshold)) would keep the reference's positive rate "
                             + "\(Self.percent(suggestion.referencePositiveRate)) (now \(Self.percent(suggestion.currentPositiveRate))) — a suggestion, not applied")
            }
        }
        self.init(title: title, series: series, notes: notes)
    }

    static func details(_ w: MonitorWindow) -> [String] {
        var lines = ["\(w.exams) exams · score PSI \(number(w.psi)) (limit \(number(w.score.psiLimit))) · KS \(number(w.ks)) "
                     + "(limit \(number(w.score.ksLimit)), p \(number(w.ksP))) · W1 \(number(w.wasserstein))"]
        let inputs = w.inputs.filter { $0.ks != nil }.map { "\($0.variable) \(number($0.ks))/\(number($0.ksLimit))" }
        if !inputs.isEmpty { lines.append("input KS/limit: " + inputs.joined(separator: " · ")) }
        lines.append("AI+ \(rate(w.rates.aiPositiveRate)) · triage \(rate(w.rates.normalTriageFraction)) · safety net \(rate(w.rates.safetyNetAlertRate))"
                     + " · est. AUC \(number(w.estimatedAUC)) sens \(number(w.estimatedSensitivity)) spec \(number(w.estimatedSpecificity))")
        let kpi = w.kpis.all
        if kpi.readExams > 0 {
            lines.append("read \(kpi.readExams) · recall \(rate(kpi.recallRate)) · CDR/1000 \(number(kpi.cancerDetectionRatePer1000.value)) · PPV \(rate(kpi.positivePredictiveValueOfRecall))")
        }
        if let realised = w.realised, let auc = realised.auc {
            lines.append("realised AUC \(number(auc)) [\(number(realised.aucLower))–\(number(realised.aucUpper))] on \(realised.cancers) cancers, \(realised.nonCancers) without")
        }
        if !w.alarmsEligible { lines.append("fewer exams than the minimum: figures shown, no alarm raised") }
        return lines
    }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: abs(value) >= 10 ? "%.1f" : "%.3g", value)
    }

    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.1f%%", value * 100)
    }

    static func rate(_ estimate: RateEstimate) -> String {
        guard let rate = estimate.rate else { return "–" }
        return "\(percent(rate)) [\(percent(estimate.lower))–\(percent(estimate.upper))]"
    }
}
