// A library for the monitor's command-line and screen tests (and the README's pictures): the
// bundled model's real results on synthetic exams (Tests/MonitorTests/Fixtures), three sites ×
// 12 weeks × 6 exams from Monday 2026-01-05, Site C's from the vendor-b pool from week 7 (its
// detector changed) unless told otherwise. Written through the Store API as `import` and `analyze` write them (image
// rows, the AI result, its inputs), without DICOM files: the worklist lists the studies and the
// monitor reads them, but a study cannot be opened.
import Foundation
import MammoCore
import Monitor
import Store

public enum MonitorScenarioLibrary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The bundled model, as its card names it: `monitor --reference validation` needs this id.
    public static let model = "mammoterm-lesion", modelVersion = "1.0.0"
    /// Every study's UID starts so (a test can check they are not written where they must not be).
    public static let studyUIDPrefix = "2.25.7301"
    static let sites = ["Site A", "Site B", "Site C"]
    static let weeks = 12, perWeek = 6, changeWeek = 6  // 0-based: the 7th week

    /// The exams of a fixture, as the monitor's reference files write them.
    static func pool(_ name: String) throws -> [MonitoredExam] {
        struct File: Decodable { var exams: [MonitoredExam] }
        let url = root.appendingPathComponent("Tests/MonitorTests/Fixtures").appendingPathComponent(name)
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).exams
    }

    /// Writes the scenario into a new library at `path` (`drift`: Site C's detector changes);
    /// the number of studies written.
    @discardableResult
    public static func make(at path: String, drift: Bool = true) throws -> Int {
        var stable = try pool("stable-pool.json"), shifted = try pool("vendor-b-pool.json")
        var images: [ImageSummary] = [], analyses: [AIAnalysis] = []
        for site in sites {
            for week in 0..<weeks {
                for day in 0..<perWeek {
                    let changed = drift && site == "Site C" && week >= changeWeek
                    guard let exam = changed ? shifted.popLast() : stable.popLast() else { continue }
                    let study = Self.study(exam, number: analyses.count + 1, site: site, changed: changed,
                                           date: date(daysAfterFirstMonday: 7 * week + day % 5))
                    images += study.images
                    analyses.append(study.analysis)
                }
            }
        }
        let database = try Database(path: path)
        for case .failure(let error) in try database.add(images) { throw error }
        for analysis in analyses { try database.saveAnalysis(analysis) }
        return analyses.count
    }

    /// YYYYMMDD of the day `days` after Monday 2026-01-05.
    static func date(daysAfterFirstMonday days: Int) -> String {
        CalendarDay(day: CalendarDay(year: 2026, month: 1, dayOfMonth: 5).day + days).isoText.replacingOccurrences(of: "-", with: "")
    }

    /// One study: its four images (paths that do not exist) and the model's result with its inputs.
    static func study(_ exam: MonitoredExam, number: Int, site: String, changed: Bool, date: String) -> (images: [ImageSummary], analysis: AIAnalysis) {
        let id = String(format: "%04d", number)
        let study = studyUIDPrefix + id
        let views = exam.views.compactMap { view in ViewKey(label: view.view).map { ($0, view) } }
        let birthYear = (Int(date.prefix(4)) ?? 2026) - (exam.ageYears ?? 55)
        let images = views.enumerated().map { index, view in
            ImageSummary(
                path: "/nonexistent/monitor-scenario/MT-MON-\(id)/\(view.0.label).dcm", sopInstanceUID: "\(study).1.\(index + 1)",
                sopClassUID: "1.2.840.10008.5.1.4.1.1.1.2", seriesInstanceUID: "\(study).1", studyInstanceUID: study,
                patientID: "MT-MON-\(id)", patientName: "MONITOR^PATIENT \(id)", patientBirthDate: "\(birthYear)0101",
                studyDate: date, studyTime: "090000", studyDescription: "SCREENING MAMMOGRAPHY \(site.uppercased())",
                accessionNumber: "ACC-MON-\(id)", seriesNumber: 1, instanceNumber: index + 1, rows: 2294, columns: 1914,
                side: view.0.side, view: view.0.view)
        }
        let inputs = AnalysisInputs(
            institution: site, manufacturer: changed ? "Bravura Imaging" : "mammoterm synth",
            manufacturerModelName: changed ? "Lumen DR 3" : "SYNTH-MG 1", softwareVersions: "1", ageYears: exam.ageYears,
            views: views.map { key, view in
                let v = view.inputs
                return ViewInputs(view: key, score: view.score, p05: v["p05"], p50: v["p50"], p95: v["p95"],
                                  noise: v["noise"], breastAreaMM2: v["breastAreaMM2"], spacingMM: v["spacingMM"],
                                  kvp: v["kvp"], exposureMAs: v["exposureMAs"], thicknessMM: v["thicknessMM"])
            })
        let analysis = AIAnalysis(
            studyInstanceUID: study, model: model, modelVersion: modelVersion, source: "mammoterm", inputHash: "monitor-scenario",
            examScore: exam.probability, examConfidence: exam.confidence, threshold: 0.5, findings: [],
            createdAt: Timestamp(Date(timeIntervalSince1970: 1_796_000_000)), inputs: inputs)
        return (images, analysis)
    }
}
