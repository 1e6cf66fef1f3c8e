// The overlay keys on the reading screen: a and o each on their own (both may be on), < and >
// stepping the AI map's opacity through 0 25 50 75 100 % and e switching it to contour lines,
// each said in the status line and part of the picture's key; none of them shows the AI early.
import Foundation
import Imaging
import MammoCore
import Store
import Testing
import TUI
import Workstation

@Suite("Overlay keys", .serialized)
struct OverlayKeysTests {
    static func service() throws -> ReadingService {
        let database = try SampleLibrary.privateDatabase()
        let entry = try #require(try database.worklist().first { $0.patientID == "SYN-0004" && $0.studyDate == "20251220" })
        var values = [UInt8](repeating: 0, count: 16 * 20)
        for y in 6..<14 { for x in 4..<12 { values[y * 16 + x] = 255 } }
        try database.saveAnalysis(AIAnalysis(
            studyInstanceUID: entry.studyInstanceUID, model: "test-model", modelVersion: "1", source: "mammoterm", inputHash: "x",
            examScore: 0.9, examConfidence: 0.8, threshold: 0.5,
            findings: [AIFinding(view: .rightCC, box: PixelBox(x: 500, y: 500, width: 300, height: 300), score: 0.8, confidence: 0.6)],
            heatmaps: [AIHeatmap(view: "RCC", width: 16, height: 20, values: values)], createdAt: "2026-12-07T00:00:00Z"))
        return ReadingService(library: database, graphics: SampleLibrary.graphics(.braille), theme: .builtIn)
    }

    @Test func opacityStepsAndContoursAreSaidAndChangeThePicture() async throws {
        // The theme's 55 %: < goes to 50, 25, 0 and stays; > climbs to 100 and stays; e twice.
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0004 Enter Enter a < < < < > > > > > e e"),
                                                   service: try Self.service())
        let said = run.before.dropFirst(8).compactMap { screen in
            screen.split(separator: "\n").last.map(String.init)
        }
        func opacity(_ line: String) -> String? {
            line.range(of: #"AI map opacity \d+ %"#, options: .regularExpression).map { String(line[$0]) }
        }
        #expect(said.dropFirst().prefix(9).map(opacity) == ["AI map opacity 50 %", "AI map opacity 25 %", "AI map opacity 0 %", "AI map opacity 0 %",
                                                            "AI map opacity 25 %", "AI map opacity 50 %", "AI map opacity 75 %",
                                                            "AI map opacity 100 %", "AI map opacity 100 %"], "\(said)")
        #expect(said.count >= 11 && said[10].contains("contour lines"), "\(said)")
        #expect(run.screen.split(separator: "\n").last?.contains("100 %, filled") == true)
        #expect(run.final.reading?.overlay == OverlaySelection(ai: true, mapOpacity: 100, mapMode: .blend))
        #expect(run.final.reading?.picture?.key.overlay.mapOpacity == 100)
        #expect(said[0].contains("Overlay: AI · boxes numbered as listed · map 55 %"), "\(said[0])")
    }

    @Test func aAndOAreIndependent() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0004 Enter Enter a o a o"), service: try Self.service())
        // After a o, then a (AI off, truth kept), then o (both off).
        let overlays = (run.before.dropFirst(9) + [run.screen]).map { $0.line(containing: "Overlay  ") ?? "" }
        #expect(overlays.map { $0.contains("Overlay  AI + ground truth") } == [true, false, false])
        #expect(overlays.map { $0.contains("Overlay  ground truth") } == [false, true, false])
        #expect(run.screen.contains("Overlay  off"))
        // The truth's rows come with o whatever a says, and go with it.
        #expect(run.before[9].contains("malignant") && run.before[10].contains("malignant") && !run.screen.contains("malignant"))
    }

    @Test func mapKeysNeverShowTheAIBeforeTheProtocolDoes() async throws {
        let session = ReadingSession(readingProtocol: .secondLook, showsTruth: false)
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0004 Enter Enter < e a"), service: try Self.service(),
                                                   session: session)
        for screen in run.before.dropFirst(7) + [run.screen] {
            #expect(!screen.contains("(AI)") && !screen.contains("Overlay  AI"), "\(screen)")
            #expect(!screen.contains("a shows the AI"))
        }
        #expect(run.before[8].contains("AI map opacity 50 %"))
        #expect(run.final.reading?.overlay.ai == false)
        #expect(run.screen.contains("AI hidden until your first decision"))
    }

    @Test func selectionSteps() {
        let theme = HeatmapStyle(mode: .blend, opacity: 0.55)
        var s = OverlaySelection(ai: true)
        #expect(s.steppedOpacity(up: false, theme: theme) == 50 && s.steppedOpacity(up: true, theme: theme) == 75)
        s.mapOpacity = 0
        #expect(s.steppedOpacity(up: false, theme: theme) == 0 && s.heatmap(theme).opacity == 0)
        s.mapMode = .contour
        #expect(s.heatmap(theme).mode == .contour && s.mapLabel(theme) == "map 0 %, contours")
        #expect(OverlaySelection(.truth) == OverlaySelection(truth: true) && OverlaySelection(.none) == .none)
        #expect(OverlaySelection(ai: true, truth: true).label == "AI + ground truth")
    }
}
