// What the monitor reads: an analysis saved with its acquisition context and per-view inputs
// comes back whole, as one exam row (context and means over views) and per view, filtered by
// model and study date, on both backends; a rerun replaces the inputs with the result.
import MammoCore
import Store
import Testing

@Suite struct MonitorRecordTests {
    static func inputs(site: String = "Site A", p50: [Double] = [0.40, 0.44]) -> AnalysisInputs {
        AnalysisInputs(institution: site, manufacturer: "Acme", manufacturerModelName: "Senographe X", softwareVersions: "2.1\\b7",
                       ageYears: 58, views: zip([ViewKey.rightCC, .leftCC], p50).map { view, median in
            ViewInputs(view: view, score: view == .rightCC ? 0.3 : 0.6, p05: 0.1, p50: median, p95: 0.8, noise: 0.004,
                       breastAreaMM2: 15000, spacingMM: 0.28, kvp: 28, exposureMAs: view == .rightCC ? 60 : nil, thicknessMM: 50)
        })
    }

    @Test(arguments: Backend.allCases) func inputsComeBackWholeAndAsMonitorRows(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        _ = try db.add(ImageSummary.exam(study: "1.2.826.0.1.1", date: "20260105"))
        _ = try db.add(ImageSummary.exam(patient: "P002", study: "1.2.826.0.1.2", date: "20260220"))
        var first = AnalysisTests.analysis(study: "1.2.826.0.1.1", model: "lesion", score: 0.25)
        first.inputs = Self.inputs()
        try db.saveAnalysis(first)
        try db.saveAnalysis(AnalysisTests.analysis(study: "1.2.826.0.1.2", model: "lesion", score: 0.75))
        try db.saveAnalysis(AnalysisTests.analysis(study: "1.2.826.0.1.2", source: "Vendor", model: "lesion", score: 0.5))
        #expect(try db.analysis(studyInstanceUID: "1.2.826.0.1.1")?.inputs == Self.inputs())
        #expect(try db.monitoredModels().map(\.model) == ["lesion"])

        // In the order analysed, not by date: sorted here.
        let rows = try db.monitorRecords(model: "lesion").sorted { ($0.studyDate, $0.analysis) < ($1.studyDate, $1.analysis) }
        #expect(rows.map(\.studyInstanceUID) == ["1.2.826.0.1.1", "1.2.826.0.1.2"], "ours only")
        let row = try #require(rows.first)
        #expect(row.studyDate == "20260105" && row.examScore == 0.25 && row.institution == "Site A")
        #expect(row.device == "Acme Senographe X" && row.ageYears == 58 && row.threshold == 0.5)
        let names = Database.monitorInputNames
        func mean(_ name: String, _ r: MonitorRecord) -> Double? { names.firstIndex(of: name).flatMap { r.inputs[$0] } }
        #expect(abs((mean("p50", row) ?? 0) - 0.42) < 1e-12, "the mean over views")
        #expect(mean("exposureMAs", row) == 60, "the views that have it")
        #expect(rows[1].institution == "" && rows[1].inputs.allSatisfy { $0 == nil }, "an exam analysed without inputs")
        // Read in id ranges side by side (as a million-row library is): the same rows.
        for parts in [2, 3, 5] {
            let split = try db.monitorRecords(model: "lesion", parts: parts).sorted { ($0.studyDate, $0.analysis) < ($1.studyDate, $1.analysis) }
            #expect(split == rows, "\(parts) parts")
        }
        #expect(try db.monitorRecords(model: "lesion", from: "20260201").map(\.studyInstanceUID) == ["1.2.826.0.1.2"])
        #expect(try db.monitorRecords(model: "lesion", to: "20260131").map(\.studyInstanceUID) == ["1.2.826.0.1.1"])

        let views = try db.monitorViews(analyses: [row.analysis])
        #expect(views[row.analysis]?.map(\.view) == [.rightCC, .leftCC], "in hanging order")
        #expect(views[row.analysis]?.last?.score == 0.6)

        // A rerun replaces its inputs with its result.
        first.inputs = Self.inputs(site: "Site B", p50: [0.5, 0.5])
        try db.saveAnalysis(first)
        #expect(try db.monitorRecords(model: "lesion").first { $0.studyInstanceUID == "1.2.826.0.1.1" }?.institution == "Site B")
        #expect(try db.analysis(studyInstanceUID: "1.2.826.0.1.1")?.inputs?.views.count == 2)
    }
}
