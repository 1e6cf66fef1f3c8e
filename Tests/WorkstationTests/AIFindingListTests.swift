// The reading screen's AI findings: by score, highest first across views, those under the
// model's lesion threshold counted in the panel's title instead of listed, CC–MLO pairs shown.
import Foundation
import MammoCore
import Store
import Testing
import TUI
import Workstation

@Suite("AI findings list")
struct AIFindingListTests {
    static func finding(_ view: ViewKey, _ score: Double, pair: Int? = nil) -> AIFinding {
        AIFinding(view: view, box: PixelBox(x: 100, y: 100, width: 40, height: 40), score: score, confidence: 0.8, pair: pair)
    }

    /// RCC 0.05 and RMLO 0.93 are one lesion (pair 1); LCC 0.01 is a faint candidate; RCC 0.40 unpaired.
    static let findings = [finding(.rightCC, 0.05, pair: 1), finding(.leftCC, 0.01), finding(.rightMLO, 0.93, pair: 1), finding(.rightCC, 0.40)]

    static func analysis(_ study: String) -> AIAnalysis {
        AIAnalysis(studyInstanceUID: study, model: "test-model", modelVersion: "1", source: "mammoterm", inputHash: "x",
                   examScore: 0.9, examConfidence: 0.8, threshold: 0.5, findings: findings, heatmaps: [], createdAt: "2026-11-27T00:00:00Z")
    }

    @Test func sortedByScoreWithTheThresholdApplied() {
        let all = ViewKey.screening
        let list = AIFindingList(Self.analysis("1.2"), views: Set(all), threshold: 0.03)
        #expect(list.shown.map(\.finding.score) == [0.93, 0.40, 0.05])
        #expect(list.shown.map(\.finding.view) == [.rightMLO, .rightCC, .rightCC])
        #expect(list.belowThreshold == 1)
        let unfiltered = AIFindingList(Self.analysis("1.2"), views: Set(all), threshold: nil)
        #expect(unfiltered.shown.count == 4 && unfiltered.belowThreshold == 0)
        // A view the study lacks lists nothing and counts nothing.
        #expect(AIFindingList(Self.analysis("1.2"), views: [.rightCC, .rightMLO], threshold: 0.03).belowThreshold == 0)

        let files = Dictionary(uniqueKeysWithValues: all.map { ($0, "/x/\($0.label).dcm") })
        let details = StudyDetails(studyUID: "1.2", files: files, lesionThreshold: 0.03).withAI(Self.analysis("1.2"))
        #expect(details.findings.map(\.number) == [1, 2, 3])
        #expect(details.findings.map(\.pair) == [1, nil, 1])
        #expect(details.belowThresholdLabel == "1 below 0.030")
        #expect(details.withoutAI().belowThresholdLabel == nil && details.withoutAI().lesionThreshold == 0.03)
    }

    @Test func thePanelListsByScoreWithPairsAndCountsTheRest() async throws {
        let database = try SampleLibrary.privateDatabase()
        let entry = try #require(try database.worklist().first { $0.patientID == "SYN-0003" && $0.studyDate == "20250426" })
        try database.saveAnalysis(Self.analysis(entry.studyInstanceUID))
        let service = ReadingService(library: database, graphics: SampleLibrary.graphics(.braille), theme: .builtIn,
                                     lesionThresholds: ["test-model 1": 0.03])
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0003 Enter Enter"), service: service)
        #expect(run.screen.contains("Findings (AI 3 · 1 below 0.030)"), "truth is listed only with o: \(run.screen)")
        #expect(run.screen.contains("Score Conf  ↔"))
        let rows = run.screen.split(separator: "\n").filter { $0.contains("(AI)") }.map(String.init)
        #expect(rows.count == 3)
        func cells(_ row: String) -> [String] {
            (row.components(separatedBy: "│").dropLast().last ?? "").split(separator: " ").map(String.init)
        }
        #expect(rows.map { cells($0).last } == ["1", "80", "1"], "the pair number ends the paired rows: \(rows)")
        #expect(rows.map { cells($0).contains("RMLO") } == [true, false, false])
        #expect(cells(rows[0]).contains("93") && cells(rows[1]).contains("40") && cells(rows[2]).contains("5"))
    }
}
