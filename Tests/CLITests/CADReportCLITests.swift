// Mammography CAD SR with the built binary, judged by tools nobody on the team wrote: dciodvfy
// (IOD), dsrdump (DCMTK's tree printer), pydicom walking the template's own path
// (scripts/cad-sr-oracle.py), and Orthanc taking the file by C-STORE and answering QIDO-RS.
// Round trips: our export imported again gives the same findings within a pixel; an SR written
// by pydicom (another "vendor") is imported with its marks where it put them; broken reports are
// named with their file and content item while the rest of the file and folder is imported.
import ArchiveTestSupport
import Foundation
import MammoCore
import Store
import Testing
import TerminalTestSupport

@Suite(.serialized) struct CADReportCLITests {
    let work: URL
    var library: String { work.appendingPathComponent("library.sqlite").path }

    init() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-cad-sr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: work) }

    func run(_ arguments: [String]) throws -> Hardening.Output { try Hardening.run(arguments, in: work) }

    static var oracle: String { TerminalTools.repositoryRoot.appendingPathComponent("scripts/cad-sr-oracle.py").path }

    /// pydicom is there (the venv's python3 on PATH); a skip unless the test files are required.
    static func pydicomAvailable() -> Bool {
        let ok = ((try? TerminalTools.run("python3", ["-c", "import pydicom"]))?.status ?? 1) == 0
        if !ok { #expect(!TerminalTools.required, "pydicom is missing (make test installs it into .venv)") }
        return ok
    }

    /// Two synthetic exams imported and analysed; the study with a CC–MLO pair among its findings.
    func analysedLibrary() throws -> (study: String, analysis: AIAnalysis) {
        let synth = try run(["synth", "--exams", "2", "--seed", "3", "--out", work.appendingPathComponent("synth").path])
        try #require(synth.status == 0, "\(synth.all)")
        try #require(try run(["import", work.appendingPathComponent("synth").path, "--library", library]).status == 0)
        let analysed = try run(["analyze", "--all", "--library", library])
        try #require(analysed.status == 0, "\(analysed.all)")
        let database = try Database(path: library)
        for entry in try database.worklist() {
            if let analysis = try database.analysis(studyInstanceUID: entry.studyInstanceUID), analysis.findings.contains(where: { $0.pair != nil }) {
                return (entry.studyInstanceUID, analysis)
            }
        }
        throw TestFailure("no analysed study with a paired finding")
    }

    struct TestFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    func exportOne(_ study: String) throws -> String {
        let out = work.appendingPathComponent("sr")
        let exported = try run(["export", "cad-sr", study, "--out", out.path, "--library", library])
        try #require(exported.status == 0, "\(exported.all)")
        #expect(exported.stdout.contains("Wrote 1 CAD SR file"), "\(exported.stdout)")
        let files = (FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".dcm") }
        try #require(files.count == 1, "\(files)")
        return out.appendingPathComponent(files[0]).path
    }

    // MARK: - Export, judged by the independent tools

    @Test func exportedReportPassesDciodvfyDsrdumpAndPydicom() throws {
        defer { cleanUp() }
        let (study, analysis) = try analysedLibrary()
        let file = try exportOne(study)

        if Dciodvfy.available() {
            let verdict = try Dciodvfy.check(file)
            #expect(verdict.text.contains("MammographyCADSR"), "\(verdict.text)")
            #expect(verdict.errors.isEmpty, "\(verdict.text)")
            #expect(verdict.warnings.isEmpty, "\(verdict.text)")
        }
        let dump = try TerminalTools.run("dsrdump", [file])
        #expect(dump.status == 0, "\(dump.stderr)")
        let tree = String(decoding: dump.stdout, as: UTF8.self)
        for words in ["Mammography CAD Report", "Image Library", "CAD Processing and Findings Summary", "Single Image Finding",
                      "Composite Feature", "Certainty of Finding", "(POINT,", "(POLYLINE,", "Algorithm Name"] {
            #expect(tree.contains(words), "dsrdump lacks \(words)")
        }

        guard Self.pydicomAvailable() else { return }
        let walked = try TerminalTools.run("python3", [Self.oracle, "walk", file])
        try #require(walked.status == 0, "\(walked.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: walked.stdout) as? [String: Any])
        #expect(json["root"] as? String == "111036")
        let images = try Database(path: library).images(studyInstanceUID: study)
        let libraryImages = try #require(json["images"] as? [[String: Any]])
        #expect(libraryImages.count == 4)
        for entry in libraryImages {
            let image = try #require(images.first { $0.sopInstanceUID == entry["sop"] as? String })
            #expect(entry["laterality"] as? String == image.side?.rawValue)
            #expect(entry["view"] as? String == image.view?.rawValue)
        }
        let found = try #require(json["findings"] as? [[String: Any]])
        #expect(found.count == analysis.findings.count)
        for finding in analysis.findings {
            let image = try #require(images.first { $0.viewKey == finding.view })
            let match = found.first { f in
                guard f["image"] as? String == image.sopInstanceUID, let c = f["center"] as? [Double] else { return false }
                return abs(c[0] - finding.box.center.x) < 0.5 && abs(c[1] - finding.box.center.y) < 0.5
            }
            let f = try #require(match, "no walked finding at \(finding.box.center) on \(finding.view)")
            let outline = (f["outline"] as? [[Double]] ?? []).map { PixelPoint(x: $0[0], y: $0[1]) }
            let bounds = try #require(PixelBox(bounding: outline))
            #expect(abs(bounds.x - finding.box.x) < 0.5 && abs(bounds.maxY - finding.box.maxY) < 0.5)
            #expect(abs((f["probability"] as? Double ?? -1) - finding.score * 100) < 1e-3)
            #expect(abs((f["certainty"] as? Double ?? -1) - (finding.confidence ?? -1) * 100) < 1e-3)
            #expect((f["pair"] as? Int != nil) == (finding.pair != nil))
        }
    }

    // MARK: - Round trips

    @Test func ourOwnReportImportedAgainGivesTheSameFindings() throws {
        defer { cleanUp() }
        let (study, ours) = try analysedLibrary()
        let file = try exportOne(study)
        let imported = try run(["import", file, "--library", library])
        #expect(imported.status == 0, "\(imported.all)")
        #expect(imported.stdout.contains("CAD reports: 1 with \(ours.findings.count) findings"), "\(imported.stdout)")
        let all = try Database(path: library).analyses(studyInstanceUID: study)
        let back = try #require(all.first { $0.source != "mammoterm" })
        #expect(back.source == "mammoterm mammoterm-lesion")
        #expect(back.model == ours.model && back.modelVersion == ours.modelVersion)
        #expect(abs(back.examScore - ours.examScore) < 1e-6)
        #expect(abs((back.threshold ?? -1) - (ours.threshold ?? -2)) < 1e-6)
        #expect(back.findings.count == ours.findings.count)
        var pairMap: [Int: Int] = [:]
        for finding in ours.findings {
            let match = try #require(back.findings.first { b in
                b.view == finding.view && abs(b.box.x - finding.box.x) <= 1 && abs(b.box.y - finding.box.y) <= 1
                    && abs(b.box.width - finding.box.width) <= 1 && abs(b.box.height - finding.box.height) <= 1
            }, "\(finding) did not come back")
            #expect(abs(match.score - finding.score) < 1e-6)
            #expect(abs((match.confidence ?? -1) - (finding.confidence ?? -2)) < 1e-6)
            #expect((match.pair == nil) == (finding.pair == nil))
            if let a = finding.pair, let b = match.pair {
                #expect(pairMap[a, default: b] == b, "pair \(a) split")
                pairMap[a] = b
            }
        }
        // findings --json names the system that made what it lists.
        let listed = try run(["findings", study, "--json", "--library", library])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        #expect(json["source"] as? String == "mammoterm mammoterm-lesion")
        // --source picks one system's result when the study has several.
        let own = try run(["findings", study, "--json", "--source", "mammoterm", "--library", library])
        let ownJSON = try #require(try JSONSerialization.jsonObject(with: Data(own.stdout.utf8)) as? [String: Any])
        #expect(ownJSON["source"] as? String == "mammoterm")
        #expect(try run(["findings", study, "--source", "nobody", "--library", library]).status == 2)
    }

    /// The "vendor" SR the oracle writes: marks on three of the study's images.
    func vendorSpec(study: String, algorithm: String = "breastscan-detector") throws -> URL {
        let images = try Database(path: library).images(studyInstanceUID: study)
        func entry(_ key: ViewKey) throws -> [String: Any] {
            let image = try #require(images.first { $0.viewKey == key })
            return ["sop": image.sopInstanceUID, "sopClass": image.sopClassUID, "series": image.seriesInstanceUID,
                    "laterality": key.side.rawValue, "view": key.view.rawValue]
        }
        let spec: [String: Any] = [
            "study": study, "patientID": images[0].patientID, "patientName": "SYNTH^VENDOR", "manufacturer": "Acme Imaging AI",
            "model": "BreastScan", "algorithm": algorithm, "version": "3.1",
            "images": [try entry(.rightCC), try entry(.rightMLO), try entry(.leftCC)],
            "findings": [
                ["image": 0, "type": "mass", "center": [300, 400], "outline": [[280, 380], [320, 380], [320, 420], [280, 420], [280, 380]],
                 "certainty": 81, "probability": 64, "pair": 1],
                ["image": 1, "type": "mass", "center": [310, 500], "outline": [[290, 470], [330, 470], [330, 530], [290, 530], [290, 470]],
                 "certainty": 77, "probability": 61, "pair": 1],
                ["image": 2, "type": "calcification", "center": [500, 300], "ellipse": [[490, 300], [510, 300], [500, 290], [500, 310]],
                 "certainty": 55, "probability": 22],
                ["image": 2, "type": "calcification", "center": [420, 600], "certainty": 40, "probability": 12],
            ],
        ]
        let url = work.appendingPathComponent("spec-\(algorithm).json")
        try JSONSerialization.data(withJSONObject: spec).write(to: url)
        return url
    }

    func writeVendor(_ out: URL, spec: URL, defect: String? = nil) throws {
        try FileManager.default.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
        let made = try TerminalTools.run("python3", [Self.oracle, "write", out.path, spec.path] + (defect.map { ["--defect", $0] } ?? []))
        try #require(made.status == 0, "\(made.stderr)")
    }

    @Test func aReportWrittenByPydicomShowsItsMarksWhereItPutThem() throws {
        defer { cleanUp() }
        guard Self.pydicomAvailable() else { return }
        let (study, _) = try analysedLibrary()
        let vendor = work.appendingPathComponent("vendor/acme.dcm")
        try writeVendor(vendor, spec: try vendorSpec(study: study))
        if Dciodvfy.available() {
            let verdict = try Dciodvfy.check(vendor.path)
            #expect(verdict.errors.isEmpty, "the oracle's own file: \(verdict.text)")
        }
        let imported = try run(["import", vendor.deletingLastPathComponent().path, "--library", library])
        #expect(imported.status == 0, "\(imported.all)")
        #expect(imported.stdout.contains("CAD reports: 1 with 4 findings"), "\(imported.stdout)")

        let listed = try run(["findings", study, "--json", "--library", library])
        #expect(listed.status == 0, "\(listed.all)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        #expect(json["source"] as? String == "Acme Imaging AI BreastScan")
        #expect(json["model"] as? String == "breastscan-detector")
        let lesions = try #require(json["lesions"] as? [[String: Any]])
        #expect(lesions.count == 4)
        func box(_ lesion: [String: Any]) -> [Double] {
            let b = lesion["box"] as? [String: Double] ?? [:]
            return [b["x"] ?? -1, b["y"] ?? -1, b["width"] ?? -1, b["height"] ?? -1]
        }
        func lesion(_ view: String, near x: Double) -> [String: Any]? {
            lesions.first { $0["view"] as? String == view && abs((box($0)[0] + box($0)[2] / 2) - x) < 1 }
        }
        // The outlines' bounds, the ellipse's axes' bounds, and a 5 mm box around the lone centre.
        let rcc = try #require(lesion("RCC", near: 300))
        #expect(box(rcc) == [280, 380, 40, 40])
        #expect(rcc["kind"] as? String == "mass")
        #expect(abs((rcc["confidence"] as? Double ?? -1) - 0.81) < 1e-9)
        #expect(abs((rcc["score"] as? Double ?? -1) - 0.64) < 1e-9)
        let rmlo = try #require(lesion("RMLO", near: 310))
        #expect(box(rmlo) == [290, 470, 40, 60])
        #expect(rcc["pair"] as? Int != nil && rcc["pair"] as? Int == rmlo["pair"] as? Int)
        let ellipse = try #require(lesion("LCC", near: 500))
        #expect(box(ellipse) == [490, 290, 20, 20])
        #expect(ellipse["kind"] as? String == "calcification-cluster")
        let lone = try #require(lesion("LCC", near: 420))
        let side = 5.0 / 0.28
        #expect(abs(box(lone)[2] - side) < 0.01 && abs(box(lone)[1] + side / 2 - 600) < 0.01, "\(box(lone))")
        #expect(lone["pair"] is NSNull || lone["pair"] == nil)
    }

    // MARK: - Bad input

    @Test func brokenReportsAreNamedAndTheRestIsImported() throws {
        defer { cleanUp() }
        guard Self.pydicomAvailable() else { return }
        let (study, _) = try analysedLibrary()
        let folder = work.appendingPathComponent("reports")
        // One algorithm per file, so each file's findings are stored apart (study, system, algorithm).
        for defect in ["truncated", "other-template", "no-coordinates", "certainty", "missing-image"] {
            try writeVendor(folder.appendingPathComponent("\(defect).dcm"), spec: try vendorSpec(study: study, algorithm: defect), defect: defect)
        }
        try writeVendor(folder.appendingPathComponent("good.dcm"), spec: try vendorSpec(study: study, algorithm: "good"))
        let imported = try run(["import", folder.path, "--library", library])
        #expect(imported.status == 0, "\(imported.all)")
        let lines = imported.stderr.split(separator: "\n").map(String.init)
        func line(_ file: String, _ words: String...) -> Bool {
            lines.contains { $0.contains(folder.appendingPathComponent(file).path) && words.allSatisfy($0.contains) }
        }
        #expect(line("truncated.dcm", "skipped", "truncated"), "\(imported.stderr)")
        #expect(line("other-template.dcm", "skipped", "not a Mammography CAD SR", "Imaging Measurement Report"), "\(imported.stderr)")
        #expect(line("no-coordinates.dcm", "content item 1.2.2.2.1", "without coordinates"), "\(imported.stderr)")
        #expect(line("certainty.dcm", "content item 1.2.2.2.1.4", "140", "outside 0–100"), "\(imported.stderr)")
        #expect(line("missing-image.dcm", "content item 1.2.2.2.1", "not in the library"), "\(imported.stderr)")
        #expect(imported.stdout.contains("CAD reports: 4 with 14 findings (3 items left out"), "\(imported.stdout)")

        let stored = Dictionary(try Database(path: library).analyses(studyInstanceUID: study).map { ($0.model, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(stored["good"]?.findings.count == 4)
        #expect(stored["no-coordinates"]?.findings.count == 3)
        #expect(stored["missing-image"]?.findings.count == 3)
        // The bad certainty is dropped, its mark kept (hiding a mark could hide a cancer).
        #expect(stored["certainty"]?.findings.count == 4)
        #expect(stored["certainty"]?.findings.filter { $0.confidence == nil }.count == 1)
        #expect(stored["truncated"] == nil && stored["other-template"] == nil)
    }

    // MARK: - The workstation

    /// A vendor's SR imported into the samples' library: the reading screen draws its marks on the
    /// views it named (the same boxes and numbers as the JSON results in AIOverlayScreenTests) and
    /// the Study panel names the vendor.
    @Test(.enabled(if: TerminalTools.runnable(TerminalTools.tmuxTools), TerminalTools.skipNote(TerminalTools.tmuxTools)))
    func theWorkstationShowsAVendorReportsMarksAndName() async throws {
        defer { cleanUp() }
        guard Self.pydicomAvailable() else { return }
        let samples = TerminalTools.repositoryRoot.appendingPathComponent("samples").path
        try #require(try run(["import", samples, "--library", library]).status == 0)
        let database = try Database(path: library)
        let study = try #require(try database.worklist().first { $0.patientID == "SYN-0004" && $0.studyDate == "20251220" }?.studyInstanceUID)
        let images = try database.images(studyInstanceUID: study)
        func entry(_ key: ViewKey) throws -> [String: Any] {
            let image = try #require(images.first { $0.viewKey == key })
            return ["sop": image.sopInstanceUID, "sopClass": image.sopClassUID, "series": image.seriesInstanceUID,
                    "laterality": key.side.rawValue, "view": key.view.rawValue]
        }
        func square(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> [[Double]] {
            [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]
        }
        let spec: [String: Any] = [
            "study": study, "patientID": "SYN-0004", "manufacturer": "Acme Imaging AI", "model": "BreastScan",
            "algorithm": "breastscan-detector", "version": "3.1", "images": [try entry(.rightCC), try entry(.leftCC)],
            "findings": [
                ["image": 0, "type": "mass", "center": [480, 720], "outline": square(330, 620, 300, 200), "certainty": 70, "probability": 40],
                ["image": 1, "type": "mass", "center": [350, 375], "outline": square(200, 250, 300, 250), "certainty": 70, "probability": 60],
                ["image": 0, "type": "mass", "center": [480, 325], "outline": square(330, 200, 300, 250), "certainty": 90, "probability": 97],
            ],
        ]
        let specFile = work.appendingPathComponent("spec.json")
        try JSONSerialization.data(withJSONObject: spec).write(to: specFile)
        let report = work.appendingPathComponent("vendor/acme.dcm")
        try writeVendor(report, spec: specFile)
        let imported = try run(["import", report.path, "--library", library])
        try #require(imported.stdout.contains("CAD reports: 1 with 3 findings"), "\(imported.all)")

        let binary = try TerminalTools.mammoterm()
        let tmux = try TmuxSession(columns: 160, rows: 50, extra: ["XDG_CONFIG_HOME": work.appendingPathComponent("config").path, "MAMMOTERM_LIBRARY": ""],
                                   command: [binary, "--library", library, "--graphics", "blocks"])
        defer { tmux.close() }
        try await tmux.waitFor("Worklist —")
        try tmux.send("/")
        try await tmux.waitFor("Search:")
        try tmux.send("0004", literal: true)
        try tmux.send("Enter")
        try await tmux.waitFor("search \"0004\"")
        try tmux.send("Enter")
        try await tmux.waitFor("SYN-0004 · 2025-12-20", "Frame ")
        let screen = try await tmux.waitFor("AI from  Acme Imaging AI BreastScan")
        #expect(screen.contains("AI model breastscan-detector 3.1"), "\(screen)")
        try tmux.send("a")
        try await tmux.waitFor("Overlay: AI · boxes numbered as listed")
        func picture() throws -> [[(r: Int, g: Int, b: Int)?]] {
            let cells = TerminalScreen(escapedLines: try tmux.lines(escapes: true))
            return AIOverlayScreenTests.pixels(cells, rows: 2..<49, columns: 0..<110)
        }
        try tmux.send("2")
        try await tmux.waitFor("Layout   LCC")
        _ = try await tmux.waitUntil("the LCC picture with the vendor's mark 2") { _ in (try? picture()).map(AIOverlayScreenTests.digits) == [2] }
        try tmux.send("1")
        try await tmux.waitFor("Layout   RCC")
        _ = try await tmux.waitUntil("the RCC picture with the vendor's marks 1 and 3") { _ in (try? picture()).map(AIOverlayScreenTests.digits) == [1, 3] }
    }

    // MARK: - The archive

    @Test func orthancTakesTheReportByCStoreAndAnswersQIDOAndARetrieveImportsIt() throws {
        defer { cleanUp() }
        let (study, ours) = try analysedLibrary()
        let server: OrthancServer
        do {
            server = try OrthancServer.start()
        } catch let unavailable as OrthancServer.Unavailable {
            print("skipped: \(unavailable.reason)")
            return
        }
        defer { server.stop() }
        let config = work.appendingPathComponent("config.toml")
        try """
            [[pacs]]
            name = "orthanc"
            host = "127.0.0.1"
            port = \(server.dicomPort)
            aet = "\(server.aet)"
            dicomweb = "\(server.dicomwebURL.absoluteString)"
            connect_timeout = 3
            timeout = 10

            """.write(to: config, atomically: true, encoding: .utf8)
        let images = try Database(path: library).images(studyInstanceUID: study)
        try server.upload(images.map(\.path))

        let sent = try run(["export", "cad-sr", study, "--out", work.appendingPathComponent("sr").path, "--send", "orthanc",
                            "--config", config.path, "--library", library])
        #expect(sent.status == 0, "\(sent.all)")
        #expect(sent.stdout.contains("Sent 1 of 1 to orthanc via C-STORE"), "\(sent.stdout)")

        // QIDO-RS: the study now holds an instance of the Mammography CAD SR class.
        let instances = try #require(try server.qido("studies/\(study)/instances") as? [[String: Any]])
        let classes = instances.compactMap { (($0["00080016"] as? [String: Any])?["Value"] as? [String])?.first }
        #expect(classes.filter { $0 == "1.2.840.10008.5.1.4.1.1.88.50" }.count == 1, "\(classes)")
        #expect(classes.count == 5)

        // A fresh library retrieves the study: the images, and the report's findings with them.
        let fresh = work.appendingPathComponent("fresh/library.sqlite").path
        let retrieved = try run(["pacs", "retrieve", "orthanc", study, "--priors", "0", "--config", config.path, "--library", fresh])
        #expect(retrieved.status == 0, "\(retrieved.all)")
        let back = try Database(path: fresh).analyses(studyInstanceUID: study)
        #expect(back.count == 1)
        #expect(back.first?.source == "mammoterm mammoterm-lesion")
        #expect(back.first?.findings.count == ours.findings.count)
    }
}
