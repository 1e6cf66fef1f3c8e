// The report screen (R): `mammoterm report`'s text line for line, its columns aligned (runs of
// spaces kept), with a line for reads that have only their initial decision so far.
import Foundation
import MammoCore
import Store
import Study
import Testing
import TUI
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

    /// A reader study's progress per reader and arm comes first: `study status` on the screen.
    @Test func aReaderStudysProgressOpensTheScreen() throws {
        let database = try ProtocolSessionTests.library()
        let cases = try database.worklist().prefix(3).map(\.studyInstanceUID)
        let design = try ReaderStudyDesign(name: "pilot", arms: [.unaided, .secondLook], readers: ["tester", "other"], cases: Array(cases),
                                           seed: 3, createdAt: "2026-03-14T09:00:00Z")
        try database.createReaderStudy(name: "pilot", design: try design.json(), createdAt: design.createdAt)
        _ = try database.appendRead(try Self.record(cases[0], .unaided, .final, recall: false))
        let lines = try ReportScreen.compute(database).get()
        let table = try ReaderStudyStatus.progress(of: "pilot", in: database, now: .now).map { $0.table() } ?? ""
        #expect(lines.first?.hasPrefix("Reader study pilot: 2 reader(s), 3 case(s)") == true, "\(lines.prefix(3))")
        #expect(lines.contains { $0.hasPrefix("tester") && $0.contains("1/3") }, "\(lines.prefix(8))")
        #expect(table.contains("other") && lines.contains { $0.hasPrefix("other") && $0.contains("0/3") })
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

    /// A library made from the samples without `truth import`: the reading screen shows truth
    /// from samples/ground-truth.json, so the report says where it is, and T imports it.
    @Test func truthBesideTheSamplesIsOfferedAndImported() async throws {
        let database = try SampleLibrary.privateDatabase()
        let studies = try database.studyInstanceUIDs()
        for uid in studies.sorted().prefix(3) {
            _ = try database.appendRead(try Self.record(uid, .unaided, .final, recall: false))
        }
        let found = try #require(try NearbyGroundTruth.locate(in: database))
        #expect(found.path.hasSuffix("samples/ground-truth.json") && found.studiesWithoutTruth == studies.count)
        let before = try ReportScreen.compute(database).get()
        #expect(before.contains { $0.contains("ground-truth.json, not in the library") })
        #expect(before.contains { $0.hasPrefix("T on the worklist imports it") })

        // T on the worklist, through the real reducer and its effect.
        let service = ReadingService(library: database, graphics: SampleLibrary.graphics(.braille), theme: .builtIn)
        let run = try await WorkstationHarness.run([.press("T")], size: Size(width: 160, height: 40), service: service)
        #expect(run.final.message.hasPrefix("Imported ground truth for \(studies.count) of"), "\(run.final.message)")
        #expect(try database.truths().count == studies.count)
        #expect(try NearbyGroundTruth.locate(in: database) == nil)
        let after = try ReportScreen.compute(database).get()
        #expect(!after.contains { $0.contains("not in the library") })
        #expect(!after.contains { $0.contains("left out: no ground truth") })
    }
}
