// Reading sessions on the test backend: what each protocol lets the reader see of the AI before
// and after a decision (worklist, panels, overlay), the rows each decision writes to the library,
// and ground truth kept out of every reading session.
import Foundation
import MammoCore
import Store
import Study
import Testing
import TUI
import Workstation

@Suite("Reading protocols", .serialized)
struct ProtocolSessionTests {
    /// The samples with AI results: SYN-0003's current exam (cancer) 0.97 with a lesion and a map,
    /// SYN-0009 (normal) 0.02; everything else 0.10. Ground truth from samples/ground-truth.json.
    static func library() throws -> Database {
        let database = try SampleLibrary.privateDatabase()
        var truths: [StudyTruth] = []
        for entry in try database.worklist() {
            let cancer = entry.patientID == "SYN-0003" && entry.studyDate == "20250426"
            let score = cancer ? 0.97 : (entry.patientID == "SYN-0009" ? 0.02 : 0.10)
            let values = [UInt8](repeating: cancer ? 200 : 10, count: 8 * 10)
            try database.saveAnalysis(AIAnalysis(
                studyInstanceUID: entry.studyInstanceUID, model: "test-model", modelVersion: "1", source: "mammoterm", inputHash: "x",
                examScore: score, examConfidence: 0.9, threshold: 0.5,
                findings: cancer ? [AIFinding(view: "RCC", box: PixelBox(x: 400, y: 400, width: 80, height: 80), score: 0.93, confidence: 0.8)] : [],
                heatmaps: [AIHeatmap(view: "RCC", width: 8, height: 10, values: values)], createdAt: "2026-11-27T00:00:00Z"))
            truths.append(StudyTruth(studyInstanceUID: entry.studyInstanceUID, cancer: cancer, source: "test", importedAt: "2026-11-27T00:00:00Z"))
        }
        try database.saveTruth(truths)
        return database
    }

    static func service(_ database: Database) -> ReadingService {
        ReadingService(library: database, graphics: SampleLibrary.graphics(.braille), theme: .builtIn)
    }

    /// Every trace of the AI a screen could show: scores, the panels' AI lines, AI findings.
    static func aiTraces(_ screen: String) -> [String] {
        ["0.97", "AI exam", "AI model", "(AI)", "Findings (AI", "Overlay  AI", "0.10", "0.02", "0.97+"].filter(screen.contains)
    }

    @Test func secondLookHidesTheAIUntilTheInitialDecisionThenRecordsBoth() async throws {
        let database = try Self.library()
        let session = ReadingSession(readingProtocol: .secondLook, showsTruth: false)
        // Open SYN-0003's current exam, try the AI overlay and the next finding, decide (right 4B so
        // recall, left 1, suspicion 70), confirm, then decide again with the AI shown.
        let keys = "/ 0003 Enter Enter a n d 4 b 1 7 0 Enter y"
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys(keys + " a a d Enter y"), service: Self.service(database),
                                                   session: session)
        // before[i] is the screen after the first i keys: 16 keys up to the confirming y.
        for (index, screen) in run.before.enumerated() where index <= 16 {
            #expect(Self.aiTraces(screen).isEmpty, "AI shown before the initial decision (step \(index)): \(Self.aiTraces(screen))")
            #expect(!screen.contains("truth"), "ground truth shown in a reading session (step \(index))")
        }
        let worklist = try #require(run.before.first)
        #expect(try #require(worklist.line(containing: "┃SYN-0003")).contains("0.97") == false)
        // Open, before the decision: the panel says the AI is hidden (no "no findings"), the status
        // line offers no AI or finding key, and pressing them says why nothing happens.
        for index in 7...9 {
            let screen = run.before[index]
            #expect(screen.contains("AI hidden until your first decision"), "step \(index)")
            #expect(!screen.contains("No findings") && !screen.contains("No AI findings"), "step \(index)")
            #expect(!screen.contains(" a AI ") && !screen.contains("n next finding"), "AI keys offered at step \(index)")
        }
        #expect(run.before[8].contains("AI hidden until your first decision (second-look protocol)"))
        #expect(run.before[9].contains("AI hidden until your first decision: no findings to step through"))
        let revealed = run.before[17]
        #expect(revealed.contains("Findings (AI 1)") && revealed.contains("AI exam  score 0.97"), "the AI is shown after the initial decision")
        #expect(revealed.contains("Overlay  AI") && revealed.contains("The AI is shown now"))
        #expect(run.screen.contains("Decision recorded (2 rows)"))
        let rows = try database.reads()
        #expect(rows.map(\.stage) == [.initial, .final])
        #expect(rows.map(\.aiVisibility) == [.none, .full])
        #expect(rows[0].aiScore == nil && rows[1].aiScore == 0.97)
        #expect(rows[0].decision.recall && rows[0].decision.suspicion == 70)
        #expect(rows[0].decision.right.birads == .category4B && rows[0].decision.left.birads == .category1)
        #expect(rows.allSatisfy { $0.readingProtocol == .secondLook && $0.reader == "tester" && $0.session == session.id })
        #expect(try database.verifyAudit().firstBadRow == nil)
    }

    @Test func referralShowsTheTriageTagAndFiresTheSafetyNetAfterANegativeCall() async throws {
        let database = try Self.library()
        let t = try ReadingSession.referralThresholds(library: database, normalTriageTarget: 1.0, safetyNetTarget: 0.98)
        let again = try ReadingSession.referralThresholds(library: database, normalTriageTarget: 1.0, safetyNetTarget: 0.98)
        #expect(again == t, "frozen: a second session gets the same thresholds")
        #expect(try database.referralThresholds(model: "test-model 1", ntTarget: 1.0, snTarget: 0.98) == t)
        let session = ReadingSession(readingProtocol: .referral, normalTriage: 0.05, safetyNet: t.safetyNet, showsTruth: false)
        // A negative call (BI-RADS 1 both sides so no recall, suspicion 10) on the cancer: the alert
        // fires; revise to right 4C (recall).
        let keys = "/ 0003 Enter Enter d 1 1 1 0 Enter y"
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys(keys + " d 4 c Enter y"), service: Self.service(database),
                                                   session: session)
        let worklist = try #require(run.before.first)
        #expect(try #require(worklist.line(containing: "┃SYN-0009")).contains("normal"), "the normal-triage tag in the worklist")
        #expect(try #require(worklist.line(containing: "┃SYN-0003")).contains("normal") == false)
        for (index, screen) in run.before.enumerated() where index <= 13 {
            #expect(Self.aiTraces(screen).isEmpty, "AI output before the safety net (step \(index)): \(Self.aiTraces(screen))")
        }
        #expect(run.before[7].contains("Triage   not triaged by the AI"))
        #expect(run.before[7].contains("AI hidden unless the safety net fires") && !run.before[7].contains("n next finding"))
        let alert = run.before[14]
        #expect(alert.contains("Safety net: the AI flags this exam"))
        #expect(run.screen.contains("Decision recorded (2 rows)"))
        #expect(alert.contains("Findings (AI 1)") && alert.contains("Overlay  AI"))
        let rows = try database.reads()
        #expect(rows.map(\.stage) == [.initial, .final])
        #expect(rows.map(\.safetyNetAlert) == [false, true])
        #expect(rows.map(\.aiVisibility) == [.triageTag, .safetyNetAlert])
        #expect(!rows[0].decision.recall && rows[1].decision.recall)
    }

    @Test func unaidedNeverShowsTheAIAndRecordsOneRow() async throws {
        let database = try Self.library()
        let session = ReadingSession(readingProtocol: .unaided, showsTruth: false)
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0003 Enter Enter a o d 2 2 1 5 Enter y"),
                                                   service: Self.service(database), session: session)
        for screen in run.before + [run.screen] { #expect(Self.aiTraces(screen).isEmpty) }
        #expect(run.before[9].contains("Ground truth is hidden in a reading session"))
        #expect(run.screen.contains("Decision recorded (1 rows)"))
        let rows = try database.reads()
        #expect(rows.count == 1 && rows[0].stage == .final && rows[0].aiVisibility == .none && rows[0].aiScore == nil)
    }
}

extension ProtocolSessionTests {
    @Test func theReportScreenShowsTheStudyAgainstTruth() async throws {
        let database = try Self.library()
        let session = ReadingSession(readingProtocol: .concurrent, showsTruth: false)
        // Two exams decided (the cancer recalled, the next one not), then the report.
        let keys = "/ 0003 Enter Enter d 5 1 8 0 Enter y ] d 1 1 5 Enter y q R"
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys(keys + " G"), service: Self.service(database),
                                                   session: session)
        #expect(try database.reads().count == 2)
        let report = try #require(run.before.last)
        #expect(report.contains("mammoterm · Reader study report"))
        #expect(report.contains("Report — lines 1–"))
        #expect(report.contains("tester") && report.contains("concurrent"), "the reader and protocol of the records")
        #expect(report.contains("AUC"))
        #expect(run.final.screen == .report && (run.final.report?.top ?? 0) > 0, "G scrolls to the end")
    }
}
