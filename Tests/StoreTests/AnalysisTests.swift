// AI results in the library: saved and read back whole, a rerun of one model replacing only
// its own row, the latest result summarised in the worklist.
import MammoCore
import Store
import Testing

@Suite struct AnalysisTests {
    static func analysis(study: String = "1.2.826.0.1.1", source: String = "mammoterm", model: String = "m",
                         score: Double = 0.7, createdAt: Timestamp = "2026-01-01T00:00:00Z") -> AIAnalysis {
        AIAnalysis(studyInstanceUID: study, model: model, modelVersion: "1", source: source, inputHash: "abc",
                   examScore: score, examConfidence: 0.9, threshold: 0.5,
                   findings: [AIFinding(view: "RCC", box: PixelBox(x: 10, y: 20, width: 30, height: 40), score: score,
                                        confidence: 0.8, kind: .mass, pair: 1)],
                   heatmaps: [AIHeatmap(view: "RCC", width: 2, height: 3, values: [0, 10, 20, 30, 40, 255])],
                   createdAt: createdAt)
    }

    @Test(arguments: Backend.allCases) func savedAndReadBackWhole(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        _ = try db.add(ImageSummary.exam())
        #expect(try db.analysis(studyInstanceUID: "1.2.826.0.1.1") == nil)
        #expect(try db.worklist().first?.ai == nil)
        let saved = Self.analysis()
        try db.saveAnalysis(saved)
        #expect(try db.analysis(studyInstanceUID: "1.2.826.0.1.1") == saved)
        #expect(try db.analysisInput(studyInstanceUID: "1.2.826.0.1.1", source: "mammoterm", model: "m")?.hash == "abc")
        #expect(try db.worklist().first?.ai == AISummary(score: 0.7, confidence: 0.9, model: "m 1", threshold: 0.5))
        // An exam outside the model's domain keeps its reason, in the result and on the worklist.
        var outside = saved
        outside.outOfDomain = "RCC: 2601x4405 resampled to 832x1024"
        try db.saveAnalysis(outside)
        #expect(try db.analysis(studyInstanceUID: "1.2.826.0.1.1") == outside)
        #expect(try db.worklist().first?.ai?.outOfDomain == outside.outOfDomain)
        #expect(try db.worklist().first.flatMap { $0.ai.map(AISummary.shortLabel) } == "0.70?")
    }

    @Test(arguments: Backend.allCases) func aRerunReplacesItsOwnRowAndTheLatestShows(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        _ = try db.add(ImageSummary.exam())
        try db.saveAnalysis(Self.analysis(score: 0.2, createdAt: "2026-01-01T00:00:00Z"))
        try db.saveAnalysis(Self.analysis(source: "Vendor", model: "vx", score: 0.4, createdAt: "2026-01-02T00:00:00Z"))
        #expect(try db.analysis(studyInstanceUID: "1.2.826.0.1.1")?.source == "Vendor")
        try db.saveAnalysis(Self.analysis(score: 0.9, createdAt: "2026-01-03T00:00:00Z"))
        let latest = try #require(try db.analysis(studyInstanceUID: "1.2.826.0.1.1"))
        #expect(latest.source == "mammoterm" && latest.examScore == 0.9 && latest.heatmaps.count == 1)
        #expect(try db.worklist().first?.ai?.score == 0.9)
        #expect(try db.analysisInput(studyInstanceUID: "1.2.826.0.1.1", source: "Vendor", model: "vx") != nil, "the other source kept")
    }

    @Test(arguments: Backend.allCases) func scoresOutsideZeroToOneAreRefused(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        #expect(throws: StoreError.self) { try db.saveAnalysis(Self.analysis(score: 1.5)) }
    }
}
