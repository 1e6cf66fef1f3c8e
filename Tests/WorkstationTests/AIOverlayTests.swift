// The reading screen with an AI result in the library: its findings first in the panel with
// score and confidence apart, the exam score against its threshold in the metadata panel, and
// `a` drawing the map and boxes in the AI colour; `a` without a result says what to run.
import Foundation
import MammoCore
import Store
import Testing
import TUI
import Workstation

@Suite("AI overlay")
struct AIOverlayTests {
    /// SYN-0003's current exam (2025-04-26) with an AI result: one RCC lesion and a map with a
    /// hot square in the RCC view's upper left quarter.
    static func service() throws -> (ReadingService, String) {
        let database = try SampleLibrary.privateDatabase()
        let entry = try #require(try database.worklist().first { $0.patientID == "SYN-0003" && $0.studyDate == "20250426" })
        let rcc = try #require(try database.images(studyInstanceUID: entry.studyInstanceUID).first { $0.viewKey == .rightCC })
        var values = [UInt8](repeating: 0, count: 16 * 20)
        for y in 2..<6 { for x in 2..<6 { values[y * 16 + x] = 255 } }
        try database.saveAnalysis(AIAnalysis(
            studyInstanceUID: entry.studyInstanceUID, model: "test-model", modelVersion: "1", source: "mammoterm", inputHash: "x",
            examScore: 0.87, examConfidence: 0.9, threshold: 0.5,
            findings: [AIFinding(view: "RCC", box: PixelBox(x: Double(rcc.columns) / 8, y: Double(rcc.rows) / 8,
                                                           width: Double(rcc.columns) / 4, height: Double(rcc.rows) / 4),
                                 score: 0.81, confidence: 0.7, kind: .mass)],
            heatmaps: [AIHeatmap(view: "RCC", width: 16, height: 20, values: values)], createdAt: "2026-11-27T00:00:00Z"))
        let service = ReadingService(library: database, graphics: SampleLibrary.graphics(.braille), theme: .builtIn)
        return (service, entry.studyInstanceUID)
    }

    @Test func findingsAndExamScoreShowWithTheirConfidence() async throws {
        let (service, _) = try Self.service()
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0003 Enter Enter a"), service: service)
        let opened = run.before[7]
        // The truth's four rows stay off the panel until o.
        #expect(opened.contains("Findings (AI 1)") && !opened.contains("truth 4") && !opened.contains("malignant"))
        let row = try #require(opened.line(containing: "(AI)"))
        #expect(row.contains("mass") && row.contains("RCC") && row.contains("81") && row.contains("70"))
        #expect(opened.contains("AI exam  score 0.87 ≥ t 0.50  conf 0.90"))
        #expect(opened.contains("AI model test-model 1"))
        #expect(run.screen.contains("Overlay  AI"))
        #expect(run.final.reading?.picture?.key.overlay == OverlaySelection(ai: true))

        // The AI colour (the theme's overlay.ai) appears only with the AI overlay on.
        let ai = Theme.builtIn.overlay.ai
        let image = ReadingScreen.layout(Size(width: 160, height: 50)).image
        func aiCells(_ frame: RecordedFrame?) -> Int {
            frame?.colourCount(in: image) { c in
                abs(Int(c.r) - Int(ai.r)) + abs(Int(c.g) - Int(ai.g)) + abs(Int(c.b) - Int(ai.b)) < 60
            } ?? 0
        }
        let with = run.frames.last { $0.text.contains("Overlay  AI") }
        let without = run.frames.last { $0.text.contains("Overlay  off") && $0.text.contains("AI exam") }
        #expect(aiCells(with) > 5, "AI boxes drawn")
        #expect(aiCells(without) == 0)
    }

    @Test func aWithoutAResultSaysWhatToRun() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter a"))
        #expect(run.screen.contains("No AI result for this study: run `mammoterm analyze`"))
        #expect(run.screen.contains("Overlay  off"))
    }
}
