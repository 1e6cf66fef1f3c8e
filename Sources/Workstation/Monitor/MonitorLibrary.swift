// The monitor's exams from the library (`mammoterm monitor` and the M screen): each analysed
// exam of the watched model with its acquisition context, input means (per view when views are
// strata), the reader's final decision, the truth, and the rates' flags under the thresholds in force.
import Foundation
import MammoCore
import Monitor
import Store

public enum MonitorLibrary {
    /// The model watched: `--model`, else the one with the most analysed studies.
    public static func watchedModel(_ database: Database, flag: String?) throws -> String {
        if let flag { return flag }
        guard let model = try database.monitoredModels().first?.model else {
            throw WorkstationError(reason: "no AI results of mammoterm's own in the library: run `mammoterm analyze --all` first")
        }
        return model
    }

    /// Every analysed exam of `model` in `from...to` as the monitor sees it.
    public static func exams(_ database: Database, model: String, from: String?, to: String?, perView: Bool) throws -> [MonitoredExam] {
        let records = try database.monitorRecords(model: model, from: from, to: to)
        guard !records.isEmpty else { return [] }
        let views = perView ? try database.monitorViews(analyses: records.map(\.analysis)) : [:]
        let readings = try finalReadings(database)
        // Triage and safety-net rates under the thresholds frozen last for this model, if any.
        let version = try database.analysisInput(studyInstanceUID: records[0].studyInstanceUID, source: "mammoterm", model: model)?.version
        let thresholds = try version.flatMap { try database.latestReferralThresholds(model: "\(model) \($0)") }
        // The library's exam input columns by InputValues slot.
        let slots = Database.monitorInputNames.map(InputValues.index(of:))
        @Sendable func exam(_ record: MonitorRecord) -> MonitoredExam {
            let reading = readings.isEmpty ? nil : readings[record.studyInstanceUID]
            var inputs = InputValues()
            for (slot, value) in zip(slots, record.inputs) { if let slot, let value { inputs[slot] = value } }
            let observed = (views.isEmpty ? nil : views[record.analysis]).map { list in
                list.map { view in
                    var inputs = InputValues()
                    for (slot, path) in zip(slots, Database.monitorInputPaths) { if let slot { inputs[slot] = view[keyPath: path] } }
                    return ViewObservation(view: view.view.label, score: view.score, inputs: inputs)
                }
            } ?? [ViewObservation(view: "exam", score: record.examScore, inputs: inputs)]  // as MonitoredExam.collapsed
            let outcome = record.cancer.map { cancer in
                // An interval cancer: cancer in the truth of an exam the reader did not recall.
                MonitoredExam.Outcome(cancer: cancer, interval: cancer && reading.map { !$0.recalled } == true)
            }
            return MonitoredExam(
                studyInstanceUID: record.studyInstanceUID, studyDate: record.studyDate, site: record.institution,
                device: record.device, ageYears: record.ageYears, density: record.density, probability: record.examScore,
                confidence: record.examConfidence, views: observed,
                aiPositive: record.examScore >= (record.threshold ?? 0.5),
                triagedNormal: thresholds.map { record.examScore < $0.normalTriage },
                safetyNetAlert: thresholds.map { record.examScore >= $0.safetyNet },
                reading: reading, outcome: outcome)
        }
        // In chunks side by side: building a million exams is a second of one core's time.
        let chunk = 65_536
        let chunks = (records.count + chunk - 1) / chunk
        let built = ConcurrentSlots<[MonitoredExam]>(count: chunks, initial: [])
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let range = index * chunk..<min(records.count, (index + 1) * chunk)
            built.set(index, records[range].map(exam))
        }
        return built.all.flatMap { $0 }
    }

    /// Per study, the last final decision (any reader, revisions applied).
    static func finalReadings(_ database: Database) throws -> [String: MonitoredExam.Reading] {
        var out: [String: (id: Int64, reading: MonitoredExam.Reading)] = [:]
        for (record, _) in ReadRecord.latest(try database.reads()) where record.stage == .final {
            let id = record.id ?? 0
            if let known = out[record.studyInstanceUID], known.id > id { continue }
            out[record.studyInstanceUID] = (id, MonitoredExam.Reading(reader: record.reader, aiShown: record.aiVisibility != .none,
                                                                     recalled: record.decision.recall))
        }
        return out.mapValues(\.reading)
    }

    /// config.toml's [monitor] over the monitor's defaults; the caller's flags go on top.
    public static func configuration(_ settings: MonitorSettings, strata: [MonitorStratum]) -> MonitorConfiguration {
        var c = MonitorConfiguration(strata: strata)
        if let text = settings.window, let window = MonitorConfiguration.Window(rawValue: text) { c.window = window }
        if let rate = settings.falseAlarmRate { c.falseAlarmRate = rate }
        if let resamples = settings.bootstrapResamples { c.bootstrapResamples = resamples }
        if let minimum = settings.minimumExams { c.minimumExams = minimum }
        if let lambda = settings.ewmaLambda { c.ewmaLambda = lambda }
        if let persistence = settings.alarmPersistence { c.alarmPersistence = persistence }
        if let seed = settings.seed { c.seed = seed }
        return c
    }

    /// YYYYMMDD from YYYYMMDD or YYYY-MM-DD; nil for anything else.
    public static func date(_ text: String) -> String? {
        let digits = text.replacingOccurrences(of: "-", with: "")
        guard digits.count == 8, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return digits
    }

    /// The reference exams: `validation` (the bundled model's own, when `model` is it), a period
    /// `FROM..TO` of this library, or a reference file of `model`; per exam unless `perView`.
    public static func reference(_ database: Database, model: String, choice: String, bundled: MonitorReferenceLocation?,
                                 perView: Bool) throws -> [MonitoredExam] {
        let exams: [MonitoredExam]
        if choice == "validation" {
            guard let bundled, bundled.model == model else {
                throw WorkstationError(reason: "no validation reference for \(PrintableText.clean(model)) (the bundled one is \(bundled?.model ?? "missing")'s): give --reference FROM..TO or a reference file")
            }
            exams = try MonitorReferenceFile.load(path: bundled.path).exams
        } else if let range = choice.range(of: "..") {
            guard let start = date(String(choice[..<range.lowerBound])), let end = date(String(choice[range.upperBound...])) else {
                throw WorkstationError(reason: "--reference \(PrintableText.clean(choice)): a period is YYYYMMDD..YYYYMMDD")
            }
            exams = try Self.exams(database, model: model, from: start, to: end, perView: true)
        } else {
            let file = try MonitorReferenceFile.load(path: choice)
            guard file.model == model else {
                throw WorkstationError(path: choice, reason: "a reference of \(PrintableText.clean(file.model)), not of \(PrintableText.clean(model))")
            }
            exams = file.exams
        }
        guard !exams.isEmpty else {
            throw WorkstationError(reason: "the reference \(PrintableText.clean(choice)) holds no analysed exams of \(PrintableText.clean(model))")
        }
        // Per exam, the inputs are the means over views, as the library's exam rows hold them.
        return perView ? exams : exams.map(\.collapsed)
    }
}
