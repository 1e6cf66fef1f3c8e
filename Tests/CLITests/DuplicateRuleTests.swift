// The duplicate rule both ways (issue 13): two files of one SOP Instance UID, the library keeps
// the one that decodes whichever comes first; identical pixels make the second a duplicate,
// different pixels a conflict; a re-import decodes nothing again; and a stored file that later
// fails to decode is swapped for its identical copy when the study is shown.
import Foundation
import MammoCore
import Store
import Testing
import TerminalTestSupport

@Suite("Duplicate rule", .serialized)
struct DuplicateRuleTests {
    let cli: ImportWorklistTests
    var work: URL { cli.work }
    var library: String { cli.library }

    init() throws { cli = try ImportWorklistTests() }

    /// A bundled view, and a copy of it whose JPEG-LS codestream is damaged in the middle: every
    /// header and layout check passes, only decoding finds it.
    func pair() throws -> (good: Data, undecodable: Data) {
        let sample = TerminalTools.repositoryRoot.appendingPathComponent("samples/SYN-0001/20240317/LCC.dcm")
        let good = try Data(contentsOf: sample)
        var bad = [UInt8](good)
        for index in (bad.count / 2)..<(bad.count / 2 + 2000) { bad[index] = index % 2 == 0 ? 0xFF : 0xF7 }
        return (good, Data(bad))
    }

    struct Outcome: Decodable {
        struct Skipped: Decodable { var path: String; var code: String; var reason: String }
        var added, updated, replaced, skipped, images: Int
        var skippedFiles: [Skipped]
    }

    func importJSON(_ folder: URL) throws -> Outcome {
        let out = try cli.run(["import", folder.path, "--library", library, "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        return try JSONDecoder().decode(Outcome.self, from: Data(out.stdout.utf8))
    }

    func storedPath() throws -> String? {
        let database = try Database(path: library)
        return try database.worklist().flatMap { try database.images(studyInstanceUID: $0.studyInstanceUID) }.first?.path
    }

    func sqlite(_ query: String) throws -> String {
        let out = try TerminalTools.run("sqlite3", [library, query])
        return String(decoding: out.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: [true, false])
    func theCopyThatDecodesIsKeptWhicheverComesFirst(undecodableFirst: Bool) throws {
        defer { cli.cleanUp() }
        let (good, bad) = try pair()
        let folder = work.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Names sort in import order: a_... first.
        let goodName = undecodableFirst ? "b_good.dcm" : "a_good.dcm", badName = undecodableFirst ? "a_bad.dcm" : "b_bad.dcm"
        try good.write(to: folder.appendingPathComponent(goodName))
        try bad.write(to: folder.appendingPathComponent(badName))

        let first = try importJSON(folder)
        #expect(first.images == 1)
        let held = try storedPath()
        #expect(held.map { $0.hasSuffix(goodName) } == true, "the library holds \(held ?? "nothing")")
        let skip = try #require(first.skippedFiles.first, "the undecodable copy is reported")
        #expect(first.skippedFiles.count == 1 && skip.path.hasSuffix(badName) && skip.code == "pixel-data", "\(first.skippedFiles)")
        #expect(skip.reason.contains("JPEG-LS"), "its own defect: \(skip.reason)")
        #expect(first.replaced == (undecodableFirst ? 1 : 0))

        // Again: nothing changes and nothing is decoded again (the checks keep their times).
        let checked = try sqlite("SELECT path, checkedAt FROM file_check ORDER BY path")
        let again = try importJSON(folder)
        #expect(again.added == 0 && again.updated == 0 && again.replaced == 0 && again.images == 1)
        #expect(try storedPath().map { $0.hasSuffix(goodName) } == true)
        #expect(try sqlite("SELECT path, checkedAt FROM file_check ORDER BY path") == checked)
        #expect(Set(again.skippedFiles.map(\.code)) == ["pixel-data"])
    }

    @Test func aStoredFileThatLaterFailsIsSwappedForItsIdenticalCopy() throws {
        defer { cli.cleanUp() }
        let (good, bad) = try pair()
        let folder = work.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try good.write(to: folder.appendingPathComponent("a.dcm"))
        try good.write(to: folder.appendingPathComponent("b_copy.dcm"))
        let first = try importJSON(folder)
        #expect(first.images == 1 && first.skippedFiles.map(\.code) == ["duplicate"])
        #expect(try storedPath().map { $0.hasSuffix("/a.dcm") } == true)

        // The stored file is damaged on disk afterwards; showing the study uses the copy.
        try bad.write(to: folder.appendingPathComponent("a.dcm"))
        let uid = try #require(try Database(path: library).worklist().first?.studyInstanceUID)
        let shown = try cli.run(["show", uid, "--library", library, "--png", work.appendingPathComponent("s.png").path])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(!shown.stdout.contains("missing LCC"), "\(shown.stdout)")
        #expect(try storedPath().map { $0.hasSuffix("/b_copy.dcm") } == true, "the library now points at the copy")
        #expect(try sqlite("SELECT reason FROM import_issue WHERE path LIKE '%/a.dcm'").contains("replaced by its identical copy"))
    }

    @Test func differentPixelsUnderOneInstanceAreAConflictAndTheFirstStays() throws {
        defer { cli.cleanUp() }
        let folder = work.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sample = TerminalTools.repositoryRoot.appendingPathComponent("samples/SYN-0001/20240317/LCC.dcm")
        try FileManager.default.copyItem(at: sample, to: folder.appendingPathComponent("a.dcm"))
        // Same identity, other pixels: the bundled RCC's pixel data under LCC's header.
        let other = work.appendingPathComponent("b.dcm")
        try FileManager.default.copyItem(at: TerminalTools.repositoryRoot.appendingPathComponent("samples/SYN-0001/20240317/RCC.dcm"), to: other)
        let uids = try cli.run(["info", "--json", sample.path])
        #expect(uids.status == 0)
        for (tag, keyword) in [("0008,0018", "SOPInstanceUID"), ("0020,000D", "StudyInstanceUID"), ("0020,000E", "SeriesInstanceUID"),
                               ("0010,0020", "PatientID"), ("0020,0062", "ImageLaterality"), ("0018,5101", "ViewPosition")] {
            let value = try TerminalTools.run("/usr/bin/dcmdump", ["+P", tag, "-s", sample.path])
            let text = String(decoding: value.stdout, as: UTF8.self)
            guard let open = text.firstIndex(of: "["), let close = text.firstIndex(of: "]") else { continue }
            let modified = try TerminalTools.run("/usr/bin/dcmodify", ["-nb", "-m", "(\(tag))=\(text[text.index(after: open)..<close])", other.path])
            #expect(modified.status == 0, "dcmodify \(keyword): \(modified.stderr)")
        }
        try FileManager.default.moveItem(at: other, to: folder.appendingPathComponent("b.dcm"))
        let outcome = try importJSON(folder)
        #expect(outcome.images == 1)
        #expect(try storedPath().map { $0.hasSuffix("/a.dcm") } == true)
        let skip = try #require(outcome.skippedFiles.first)
        #expect(skip.code == "duplicate-conflict" && skip.path.hasSuffix("/b.dcm"), "\(outcome.skippedFiles)")
        #expect(skip.reason.contains("/a.dcm") && skip.reason.contains("SHA-256"), "names the other file and both hashes: \(skip.reason)")
    }
}
