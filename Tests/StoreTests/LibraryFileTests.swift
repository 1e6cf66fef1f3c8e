// A library on disk: created with its folders, shared by two connections, opened concurrently.
import Foundation
import MammoCore
@testable import Store
import Testing

@Suite struct LibraryFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")

    @Test func createsParentFoldersAndUsesWAL() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a/b/library.sqlite").path
        let db = try Database(path: path)
        try db.add(ImageSummary.exam())
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try db.sqlite!.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try db.sqlite!.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") } == true)
    }

    @Test func reopeningKeepsEverythingAndMigratesNothingTwice() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("library.sqlite").path
        do {
            let db = try Database(path: path)
            try db.add(ImageSummary.exam())
        }
        let again = try Database(path: path)
        #expect(try again.counts().images == 4)
        #expect(try again.add(ImageSummary.exam()).map { try $0.get() } == Array(repeating: .unchanged, count: 4))
    }

    @Test func twoInstancesOnOneFileSeeEachOthersWrites() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("library.sqlite").path
        let first = try Database(path: path)
        let second = try Database(path: path)
        try first.add(ImageSummary.exam(patient: "P001", study: "1.1"))
        #expect(try second.counts().studies == 1)
        try second.add(ImageSummary.exam(patient: "P001", study: "1.0", date: "20200101"))
        #expect(try first.worklist().map(\.hasPrior) == [true, false])
    }

    @Test func concurrentOpenersAndWritersOfANewLibraryAllSucceed() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("new/library.sqlite").path
        // Eight openers race to create the same new file, then write their own exam each.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<8 {
                group.addTask {
                    let db = try Database(path: path)
                    try db.add(ImageSummary.exam(patient: "P\(n)", study: "1.\(n)"))
                }
            }
            try await group.waitForAll()
        }
        let db = try Database(path: path)
        #expect(try db.counts() == LibraryCounts(patients: 8, studies: 8, series: 8, images: 32, importIssues: 0))
        #expect(try db.integrityProblems().isEmpty)
    }

    @Test func anUnreachableLibraryIsAnErrorWithItsPath() throws {
        #expect {
            try Database(path: "/proc/mammoterm-cannot-be-here/library.sqlite")
        } throws: { error in
            (error as? StoreError)?.description.contains("/proc/mammoterm-cannot-be-here") == true
        }
    }
}
