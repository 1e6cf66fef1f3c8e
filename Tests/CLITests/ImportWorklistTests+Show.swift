// `mammoterm show` finds a library study the way `annotate` and the workstation do
// (StudyLookup): full UID, patient id (latest study), a unique UID start or end; else a named error.
import Foundation
import Testing

extension ImportWorklistTests {
    @Test func showFindsAStudyByUIDPatientOrUIDEnd() throws {
        defer { cleanUp() }
        let input = work.appendingPathComponent("in")
        _ = try TinyDICOM.exam(in: input.appendingPathComponent("old"), patient: "P001", study: "1.2.3.1", date: "20220105")
        _ = try TinyDICOM.exam(in: input.appendingPathComponent("new"), patient: "P001", study: "1.2.3.2", date: "20240105")
        _ = try TinyDICOM.exam(in: input.appendingPathComponent("other"), patient: "P002", study: "1.2.4.77", date: "20230105")
        #expect(try run(["import", input.path, "--library", library]).status == 0)
        let png = work.appendingPathComponent("shown.png").path

        // Which study each query shows: the UID `show --png` prints after the size.
        for (query, study) in [("1.2.3.1", "1.2.3.1"), ("P001", "1.2.3.2"), ("P002", "1.2.4.77"), (".77", "1.2.4.77"), ("1.2.4", "1.2.4.77")] {
            let shown = try run(["show", query, "--png", png, "--height", "64", "--library", library])
            #expect(shown.status == 0, "show \(query): \(shown.stderr)")
            #expect(shown.stdout.contains(", \(study), "), "show \(query) printed \(shown.stdout)")
        }

        let ambiguous = try run(["show", "1.2.3", "--png", png, "--library", library])
        #expect(ambiguous.status != 0)
        #expect(ambiguous.stderr.contains("2 studies have a UID starting or ending with 1.2.3"), "\(ambiguous.stderr)")
        let unknown = try run(["show", "9.9", "--png", png, "--library", library])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("No study 9.9 in the library"), "\(unknown.stderr)")
    }
}
