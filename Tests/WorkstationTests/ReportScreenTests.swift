// The report screen (R): `mammoterm report`'s text line for line, its columns aligned (runs of
// spaces kept), with a line for reads that have only their initial decision so far.
import Foundation
import MammoCore
import Store
import Study
import Testing
import Workstation

@Suite("Report screen")
struct ReportScreenTests {
    static func record(_ study: String, _ readingProtocol: ReadingProtocol, _ stage: ReadStage, recall: Bool) throws -> ReadRecord {
        try ReadRecord(reader: "tester", session: "s1", studyInstanceUID: study, readingProtocol: readingProtocol, stage: stage,
                       aiVisibility: .none, openedAt: "2026-03-14T09:30:00Z", submittedAt: "2026-03-14T09:30:42Z", readingSeconds: 42,
                       decision: ReaderDecision(recall: recall, suspicion: recall ? 80 : 10))
    }

    @Test func anInitialDecisionAloneIsNamedNotCalledNothing() throws {
        let database = try ProtocolSessionTests.library()
        let study = try #require(try database.worklist().first).studyInstanceUID
        _ = try database.appendRead(try Self.record(study, .secondLook, .initial, recall: false))
        let lines = try ReportScreen.compute(database).get()
        #expect(!lines.joined().contains("No decisions recorded yet"))
        #expect(lines.first == "1 read(s) with only the initial decision recorded: scored once the final decision is made.")
    }

    @Test func theTextIsTheCommandLinesAlignedAsPrinted() throws {
        let database = try ProtocolSessionTests.library()
        for (index, entry) in try database.worklist().enumerated() {
            _ = try database.appendRead(try Self.record(entry.studyInstanceUID, .unaided, .final, recall: index % 3 == 0))
        }
        let lines = try ReportScreen.compute(database).get()
        // What `mammoterm report` prints for the same records, seed and resamples.
        let cases = ReaderCase.join(try database.reads(), info: try StudyCaseInfo.all(in: database))
        let printed = try ReaderStudyReport(cases: cases, seed: 1, resamples: 1000).text().components(separatedBy: "\n")
        #expect(lines == printed.map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) })
        #expect(lines.contains { $0.contains("  ") }, "the tables keep their runs of spaces")
    }
}
