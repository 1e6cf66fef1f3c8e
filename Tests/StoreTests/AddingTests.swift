// Adding images: idempotent re-adds, incremental adds, updates, and bad input as errors.
import Foundation
import MammoCore
@testable import Store
import Testing

@Suite struct AddingTests {
    @Test func addingTheSameExamTwiceWritesNothingTheSecondTime() throws {
        let db = try Database.inMemory()
        let exam = ImageSummary.exam()
        #expect(try db.add(exam).map { try $0.get() } == Array(repeating: .added, count: 4))
        let before = try db.counts()
        let changesBefore = try db.sqlite!.read { $0.totalChangesCount }
        #expect(try db.add(exam).map { try $0.get() } == Array(repeating: .unchanged, count: 4))
        #expect(try db.counts() == before)
        // No row was rewritten: SQLite counts every inserted, updated or deleted row.
        #expect(try db.sqlite!.read { $0.totalChangesCount } == changesBefore)
        #expect(before == LibraryCounts(patients: 1, studies: 1, series: 1, images: 4, importIssues: 0))
    }

    @Test(arguments: Backend.allCases) func incrementalAddKeepsWhatWasThere(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        try db.add(ImageSummary.exam(views: [.rightCC, .leftCC]))
        #expect(try db.worklist().first?.views == ["RCC", "LCC"])
        let results = try db.add(ImageSummary.exam()).map { try $0.get() }
        #expect(results == [.unchanged, .unchanged, .added, .added])
        #expect(try db.counts().images == 4)
        #expect(try db.worklist().first?.views == ["RCC", "LCC", "RMLO", "LMLO"])
    }

    @Test(arguments: Backend.allCases) func changedFileIsUpdatedInPlace(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        var image = ImageSummary.fixture()
        try db.add(image)
        image.fileSize = 2000
        image.fileModified += 60
        image.patientName = "DOE, JANET"
        #expect(try db.add(image) == .updated)
        #expect(try db.counts().images == 1)
        let stored = try db.images(studyInstanceUID: image.studyInstanceUID)
        #expect(stored == [image])
    }

    @Test(arguments: Backend.allCases) func unchangedFileStampIsRecognised(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        let image = ImageSummary.fixture()
        #expect(try !db.isUnchanged(path: image.path, size: image.fileSize, modified: image.fileModified))
        try db.add(image)
        #expect(try db.isUnchanged(path: image.path, size: image.fileSize, modified: image.fileModified))
        #expect(try !db.isUnchanged(path: image.path, size: image.fileSize + 1, modified: image.fileModified))
        #expect(try !db.isUnchanged(path: image.path, size: image.fileSize, modified: image.fileModified + 1))
    }

    @Test(arguments: Backend.allCases) func imagesRoundTripEveryField(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        let exam = ImageSummary.exam()
        try db.add(exam)
        let stored = try db.images(studyInstanceUID: exam[0].studyInstanceUID)
        #expect(Set(stored) == Set(exam))
        #expect(Set(stored.compactMap(\.viewKey)) == Set(ViewKey.screening))
        #expect(try db.images(studyInstanceUID: "9.9.9").isEmpty)
    }

    @Test(arguments: Backend.allCases) func missingUIDsAreErrorsNotCrashes(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        var noSOP = ImageSummary.fixture(view: .rightCC)
        noSOP.sopInstanceUID = ""
        var noStudy = ImageSummary.fixture(view: .leftCC)
        noStudy.studyInstanceUID = ""
        let good = ImageSummary.fixture(view: .rightMLO)
        let results = try db.add([noSOP, noStudy, good])
        #expect(throws: StoreError.self) { try results[0].get() }
        #expect(throws: StoreError.self) { try results[1].get() }
        #expect(try results[2].get() == .added)
        if case .failure(let error) = results[0] {
            #expect(error.description.contains("SOP Instance UID"))
            #expect(error.path == noSOP.path)
        }
        #expect(try db.counts().images == 1)
    }

    @Test(arguments: Backend.allCases) func schemaConstraintsRejectBadRowsWithErrors(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        try db.add(ImageSummary.fixture())
        // Bypass the Swift-side checks to prove SQLite itself refuses bad rows.
        #expect(throws: StoreError.self) {
            try db.write(doing: "test") { try $0.execute(sql: "UPDATE image SET side = 'B'") }
        }
        #expect(throws: StoreError.self) {
            try db.write(doing: "test") { try $0.execute(sql: "UPDATE image SET series = 999") }
        }
        #expect(throws: StoreError.self) {
            try db.write(doing: "test") { try $0.execute(sql: "UPDATE study SET studyDate = '2024-01-05'") }
        }
        #expect(throws: StoreError.self) {
            try db.write(doing: "test") { try $0.execute(sql: "INSERT INTO patient (patientID, name, birthDate) VALUES ('P001', '', '')") }
        }
        #expect(try db.integrityProblems().isEmpty)
    }

    @Test(arguments: Backend.allCases) func sameInstanceFromAnotherExistingFileIsADuplicate(_ backend: Backend) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-dup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = ImageSummary.fixture(folder: folder.path)
        try FileManager.default.createDirectory(
            atPath: (first.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: first.path, contents: Data([1])))
        let library = try makeLibrary(backend).0
        try library.add(first)
        var copy = first
        copy.path = folder.appendingPathComponent("copy.dcm").path
        #expect(throws: StoreError.self) { try library.add(copy) }
        #expect(try library.images(studyInstanceUID: first.studyInstanceUID).map(\.path) == [first.path])
        // Re-adding the original stays a no-op: the path does not flip between the copies.
        #expect(try library.add(first) == .unchanged)
    }

    @Test(arguments: Backend.allCases) func movedFileFollowsItsNewPath(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        let image = ImageSummary.fixture(folder: "/gone/old")
        try db.add(image)
        var moved = image
        moved.path = "/gone/new/RCC.dcm"
        #expect(try db.add(moved) == .updated)
        #expect(try db.images(studyInstanceUID: image.studyInstanceUID).map(\.path) == [moved.path])
    }

    @Test(arguments: Backend.allCases) func fileOverwrittenWithAnotherImageReplacesTheOldRow(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        let old = ImageSummary.fixture(study: "1.2.3.1")
        try db.add(old)
        var other = ImageSummary.fixture(patient: "P002", study: "1.2.3.2")
        other.path = old.path
        #expect(try db.add(other) == .added)
        // The old study lost its only image, so it and its patient are gone.
        #expect(try db.counts() == LibraryCounts(patients: 1, studies: 1, series: 1, images: 1, importIssues: 0))
        #expect(try db.worklist().map(\.patientID) == ["P002"])
    }

    @Test(arguments: Backend.allCases) func issuesAreRecordedOncePerPathAndClearedOnImport(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        let image = ImageSummary.fixture()
        try db.recordIssue(path: image.path, reason: "truncated")
        try db.recordIssue(path: image.path, reason: "no pixel data")
        try db.recordIssue(path: "/x/readme.txt", reason: "not a DICOM file")
        #expect(try db.importIssues().map(\.reason) == ["no pixel data", "not a DICOM file"])
        try db.add(image)
        #expect(try db.importIssues().map(\.path) == ["/x/readme.txt"])
    }

    @Test(arguments: Backend.allCases) func malformedDatesAreStoredAsUnknown(_ backend: Backend) throws {
        #expect(Database.dicomDate("20240105") == "20240105")
        #expect(Database.dicomDate("2024.01.05") == "20240105")
        #expect(Database.dicomDate("2024") == "")
        #expect(Database.dicomDate("２０２４０１０５") == "")
        let db = try makeLibrary(backend).0
        try db.add(ImageSummary.fixture(date: "Jan 5"))
        #expect(try db.worklist().first?.studyDate == "")
    }
}
