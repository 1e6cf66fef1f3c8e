// The identity rule (issue 13): Patient -> Study -> Series -> Instance as the files state it.
// A UID claimed by a second owner while the first owner's file exists is a conflict naming that
// file, never merged, whichever file came first; a file that corrects its own identity (the
// only file of its study or series, re-imported) is an update.
import Foundation
import MammoCore
@testable import Store
import Testing

@Suite struct IdentityRuleTests {
    /// Summaries whose files exist (the rule asks whether the other owner's file is still there).
    final class Files {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-identity-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: folder) }

        func summary(_ name: String, patient: String, study: String, series: String, sop: String, view: ViewKey = .rightCC) throws -> ImageSummary {
            var summary = ImageSummary.fixture(patient: patient, study: study, view: view)
            summary.path = folder.appendingPathComponent(name).path
            summary.seriesInstanceUID = series
            summary.sopInstanceUID = sop
            #expect(FileManager.default.createFile(atPath: summary.path, contents: Data([1])))
            return summary
        }
    }

    func conflict(_ result: Result<AddResult, StoreError>?) -> IdentityConflict? {
        guard case .failure(let error) = result else { return nil }
        return error.conflict
    }

    @Test(arguments: [true, false])
    func aSeriesSharedAcrossPatientsIsAConflictWhicheverComesFirst(rightfulFirst: Bool) throws {
        let files = try Files()
        let rightful = try files.summary("a.dcm", patient: "P1", study: "1.1", series: "1.1.1", sop: "1.1.1.1")
        let other = try files.summary("b.dcm", patient: "P2", study: "2.2", series: "1.1.1", sop: "2.2.1.1", view: .leftCC)
        let (first, second) = rightfulFirst ? (rightful, other) : (other, rightful)
        let library = try Database.inMemory()
        let results = try library.add([first, second])
        #expect(try results[0].get() == .added)
        let found = try #require(conflict(results[1]), "the second file is refused: \(results[1])")
        #expect(found.kind == .series && found.existingPath == first.path)
        #expect(found.message.contains("not merged"))
        // Nothing of the second file's patient or study was written.
        #expect(try library.counts().patients == 1 && library.counts().studies == 1)
        #expect(try library.images(studyInstanceUID: second.studyInstanceUID).isEmpty)
    }

    @Test(arguments: [true, false])
    func aStudyUnderTwoPatientIDsIsAConflictWhicheverComesFirst(rightfulFirst: Bool) throws {
        let files = try Files()
        let rightful = try files.summary("a.dcm", patient: "P1", study: "1.1", series: "1.1.1", sop: "1.1.1.1")
        let other = try files.summary("b.dcm", patient: "P2", study: "1.1", series: "1.1.2", sop: "1.1.2.1", view: .leftCC)
        let (first, second) = rightfulFirst ? (rightful, other) : (other, rightful)
        let library = try Database.inMemory()
        let results = try library.add([first, second])
        #expect(try results[0].get() == .added)
        let found = try #require(conflict(results[1]))
        #expect(found.kind == .study && found.existingPath == first.path)
        #expect(try library.counts().patients == 1)
    }

    @Test(arguments: Backend.allCases) func oneSOPInstanceUIDInTwoStudiesIsAConflictNotADuplicate(_ backend: Backend) throws {
        let files = try Files()
        let first = try files.summary("a.dcm", patient: "P1", study: "1.1", series: "1.1.1", sop: "9.9.9")
        let second = try files.summary("b.dcm", patient: "P1", study: "3.3", series: "3.3.1", sop: "9.9.9")
        let library = try makeLibrary(backend).0
        let results = try library.add([first, second])
        let found = try #require(conflict(results[1]))
        #expect(found.kind == .instance && found.existingPath == first.path && found.message.contains("study 1.1"))
        // The same identity from a second file is a duplicate (the content rule decides which stays).
        let copy = try files.summary("c.dcm", patient: "P1", study: "1.1", series: "1.1.1", sop: "9.9.9")
        #expect(conflict(try library.add([copy]).first)?.kind == .duplicate)
        #expect(try library.images(studyInstanceUID: "1.1").map(\.path) == [first.path])
    }

    @Test(arguments: Backend.allCases) func aFileThatCorrectsItsOwnIdentityIsAnUpdate(_ backend: Backend) throws {
        let files = try Files()
        let image = try files.summary("a.dcm", patient: "WRONG", study: "1.1", series: "1.1.1", sop: "1.1.1.1")
        let library = try makeLibrary(backend).0
        try library.add(image)
        var corrected = image
        corrected.patientID = "P1"
        corrected.fileModified += 1
        #expect(try library.add(corrected) == .updated)
        #expect(try library.worklist().map(\.patientID) == ["P1"])
        // Once another file holds the study, moving it is no longer the file's own business.
        let sibling = try files.summary("b.dcm", patient: "P1", study: "1.1", series: "1.1.1", sop: "1.1.1.2", view: .leftCC)
        try library.add(sibling)
        var moved = corrected
        moved.patientID = "P9"
        moved.fileModified += 1
        #expect(conflict(try library.add([moved]).first)?.kind == .study)
    }

    @Test(arguments: Backend.allCases) func aConflictWhoseOtherFileIsGoneIsAMove(_ backend: Backend) throws {
        let files = try Files()
        let first = try files.summary("a.dcm", patient: "P1", study: "1.1", series: "1.1.1", sop: "1.1.1.1")
        let library = try makeLibrary(backend).0
        try library.add(first)
        try FileManager.default.removeItem(atPath: first.path)
        let second = try files.summary("b.dcm", patient: "P2", study: "2.2", series: "2.2.1", sop: "1.1.1.1")
        #expect(try library.add(second) == .updated)
        #expect(try library.worklist().map(\.patientID) == ["P2"])
    }
}
