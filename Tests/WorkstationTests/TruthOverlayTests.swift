// Ground truth through the one render pipeline: the workstation and `show` get the same marks from
// the study's set and draw them on the same side (right views: chest wall right, so the right
// breast's lesion left of the middle), and a broken set is named in both, not skipped.
import DICOM
import Foundation
import Imaging
import MammoCore
import Store
import Testing
import TUI
import Workstation

@Suite("Truth overlay", .serialized)
struct TruthOverlayTests {
    /// Pixels of exactly `color` in the left and right halves of `picture`.
    static func halves(_ picture: ColorImage, _ color: RGBColor) -> (left: Int, right: Int) {
        var left = 0, right = 0
        for y in 0..<picture.height {
            for x in 0..<picture.width where picture[x, y] == color {
                if x < picture.width / 2 { left += 1 } else { right += 1 }
            }
        }
        return (left, right)
    }

    static func request(_ details: StudyDetails, overlay: OverlayChoice) -> PictureRequest {
        PictureRequest(key: PictureKey(studyUID: details.studyUID, layout: .four, cells: Size(width: 60, height: 40), overlay: OverlaySelection(overlay)),
                       files: details.files)
    }

    @Test func workstationAndShowDrawTheSameTruthOnTheSameSide() throws {
        let database = try SampleLibrary.database()
        let service = ReadingService(library: database, graphics: SampleLibrary.graphics(.sixel), theme: .builtIn)
        // SYN-0004's current exam: one spiculated malignant mass in the right breast, seen in RCC and RMLO.
        let entry = try #require(try database.worklist().first { $0.patientID == "SYN-0004" && $0.studyDate == "20251220" })
        let details = try service.loadStudy(entry)
        let truth = details.findings.filter { $0.source == .truth }
        #expect(truth.map(\.view).sorted { $0.label < $1.label } == [.rightCC, .rightMLO])
        #expect(details.problems.isEmpty)

        let shown = HangingProtocolRenderer.render(files: details.files, canvasWidth: 600, canvasHeight: 800, gap: 6, overlay: .truth)
        #expect(shown.problems.isEmpty && shown.notices.isEmpty)
        #expect(shown.marks[.rightCC]?.map(\.id) == truth.filter { $0.view == .rightCC }.map(\.lesionID))
        #expect(shown.marks[.rightMLO]?.count == 1 && shown.marks[.leftCC]?.isEmpty == true && shown.marks[.leftMLO]?.isEmpty == true)
        let showRed = Self.halves(shown.canvas, OverlayStyle().malignantColor)
        #expect(showRed.left > 20 && showRed.right == 0, "show: \(showRed)")
        let plain = HangingProtocolRenderer.render(files: details.files, canvasWidth: 600, canvasHeight: 800, gap: 6)
        #expect(Self.halves(plain.canvas, OverlayStyle().malignantColor).left == 0 && plain.marks.values.allSatisfy(\.isEmpty))

        let style = ViewRenderer.Style(theme: .builtIn).overlay
        let (picture, problems) = service.raster(Self.request(details, overlay: .truth))
        #expect(problems.isEmpty)
        let stationRed = Self.halves(picture, style.malignantColor)
        #expect(stationRed.left > 10 && stationRed.right == 0, "workstation: \(stationRed)")
        #expect(Self.halves(service.raster(Self.request(details, overlay: .none)).picture, style.malignantColor).left == 0)
    }

    @Test func aBrokenSetIsNamedNotHidden() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("broken-truth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let exam = root.appendingPathComponent("SYN-0004/20251220")
        try FileManager.default.createDirectory(at: exam, withIntermediateDirectories: true)
        for view in ["RCC", "LCC", "RMLO", "LMLO"] {
            try FileManager.default.copyItem(atPath: SampleLibrary.samples + "/SYN-0004/20251220/\(view).dcm",
                                             toPath: exam.appendingPathComponent("\(view).dcm").path)
        }
        try Data(#"{"format": "mammoterm-synth-ground-truth", "version": 1, "exams": [{"#.utf8)
            .write(to: root.appendingPathComponent("ground-truth.json"))
        let database = try Database.inMemory()
        let files = ["RCC", "LCC", "RMLO", "LMLO"].map { exam.appendingPathComponent("\($0).dcm").path }
        _ = try database.add(try files.map { try DicomHeaderReader.summary(path: $0) })
        let service = ReadingService(library: database, graphics: SampleLibrary.graphics(.sixel), theme: .builtIn)
        let entry = try #require(try database.worklist().first)
        let details = try service.loadStudy(entry)
        #expect(details.findings.isEmpty)
        #expect(details.problems.count == 1)
        #expect(details.problems.first.map { $0.contains("ground-truth.json") && $0.contains("malformed") } == true, "\(details.problems)")
        // The picture is still made; with the truth overlay on, it says why the truth is missing.
        let (_, problems) = service.raster(Self.request(details, overlay: .truth))
        #expect(problems.count == 1 && problems.first?.contains("malformed") == true)
        #expect(service.raster(Self.request(details, overlay: .none)).problems.isEmpty)

        let shown = HangingProtocolRenderer.render(files: details.files, canvasWidth: 300, canvasHeight: 400, overlay: .truth)
        #expect(shown.problems.isEmpty && shown.missingViews.isEmpty)
        #expect(shown.notices.count == 1 && shown.notices.first?.contains("malformed") == true)
    }
}
