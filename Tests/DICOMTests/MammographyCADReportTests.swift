// The CAD SR layer without the command line: a report written and read back through dcmsr is
// the same report; the template rules dcmsr leaves to us are refused before writing; a file
// that is not a structured report, or is cut short, is a DicomError naming the file.
import DICOM
import Foundation
import MammoCore
import Testing

@Suite("Mammography CAD SR")
struct MammographyCADReportTests {
    static let cc = MammographyCADReport.Image(sopClassUID: MammogramWriter.forPresentationSOPClass, sopInstanceUID: "1.2.3.1",
                                               view: .rightCC, rows: 1024, columns: 832, spacing: PixelSpacing(row: 0.28, column: 0.28),
                                               studyDate: "20260101")
    static let mlo = MammographyCADReport.Image(sopClassUID: MammogramWriter.forPresentationSOPClass, sopInstanceUID: "1.2.3.2",
                                                view: .rightMLO, rows: 1024, columns: 832, spacing: PixelSpacing(row: 0.28, column: 0.28))

    static func report() -> MammographyCADReport {
        let box = PixelBox(x: 100, y: 200, width: 40, height: 30)
        let other = PixelBox(x: 300, y: 500, width: 20, height: 20)
        var report = MammographyCADReport(
            algorithmName: "test-model", algorithmVersion: "2", examScore: 0.7, examCertainty: 80, threshold: 0.25, images: [cc, mlo],
            findings: [
                .init(image: "1.2.3.1", kind: .mass, outline: box.corners, center: box.center, score: 0.7, certainty: 80, pair: 1),
                .init(image: "1.2.3.2", kind: .mass, outline: other.corners, center: other.center, score: 0.6, certainty: 75, pair: 1),
                .init(image: "1.2.3.2", kind: .calcificationCluster, outline: [], center: PixelPoint(x: 50, y: 60), score: 0.2, certainty: 30),
            ])
        report.algorithmParameters = "onnx sha256 00"
        return report
    }

    static func header() -> SRDocumentHeader {
        var header = SRDocumentHeader()
        header.sopInstanceUID = "1.2.3.99"
        header.seriesInstanceUID = "1.2.3.98"
        header.studyInstanceUID = "1.2.3"
        header.patientID = "P1"
        header.manufacturer = "Test CAD"
        header.manufacturerModelName = "Model X"
        return header
    }

    @Test func aWrittenReportReadsBackTheSame() throws {
        let report = Self.report()
        try report.validate()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cad-\(UUID().uuidString).dcm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SRDocument(header: Self.header(), tree: report.contentTree).write(to: path, as: .mammographyCAD, evidence: [])
        let document = try SRDocument.read(path: path)
        #expect(document.header.sopClassUID == SRDocument.mammographyCADSOPClass)
        #expect(document.header.completionFlag == "COMPLETE")
        #expect(document.tree.items.count == report.contentTree.items.count)
        let (back, notes) = try MammographyCADReport.read(document, path: path)
        #expect(notes.isEmpty, "\(notes)")
        #expect(back.algorithmName == "test-model" && back.algorithmVersion == "2")
        #expect(abs((back.examScore ?? 0) - 0.7) < 1e-9 && abs((back.threshold ?? 0) - 0.25) < 1e-9 && back.examCertainty == 80)
        #expect(back.images.map(\.view) == [.rightCC, .rightMLO])
        #expect(back.images.first?.spacing == PixelSpacing(row: 0.28, column: 0.28))
        #expect(back.findings.count == 3)
        for (a, b) in zip(report.findings, back.findings) {
            #expect(a.image == b.image && a.kind == b.kind && a.center == b.center && a.certainty == b.certainty)
            #expect(PixelBox(bounding: a.outline) == PixelBox(bounding: b.outline))
            #expect(abs((a.score ?? 0) - (b.score ?? 0)) < 1e-9)
        }
        #expect(back.findings.map(\.pair) == [1, 1, nil])
        #expect(back.itemPositions.count == 3)
    }

    @Test func templateRulesAreCheckedBeforeWriting() {
        var bad = Self.report()
        bad.findings[2].certainty = 140
        #expect(throws: MammographyCADReport.TemplateViolation.self) { try bad.validate() }
        bad = Self.report()
        bad.findings[2].center = PixelPoint(x: 900, y: 10)
        #expect(throws: MammographyCADReport.TemplateViolation.self) { try bad.validate() }
        bad = Self.report()
        bad.findings[1].pair = nil
        #expect(throws: MammographyCADReport.TemplateViolation.self) { try bad.validate() }
        bad = Self.report()
        bad.findings[0].image = "9.9.9"
        #expect(throws: MammographyCADReport.TemplateViolation.self) { try bad.validate() }
        bad = Self.report()
        bad.images = []
        #expect(throws: MammographyCADReport.TemplateViolation.self) { try bad.validate() }
    }

    @Test func notAReportAndACutReportAreErrorsNamingTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cad-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = folder.appendingPathComponent("image.dcm").path
        try MammogramWriter.write(GrayImage<UInt16>(width: 8, height: 8, repeating: 100), metadata: WriterTests.metadata(.rightCC), to: image)
        #expect { try SRDocument.read(path: image) } throws: { error in
            (error as? DicomError).map { $0.path == image && $0.reason.contains("not a structured report") } ?? false
        }
        let good = folder.appendingPathComponent("good.dcm").path
        try SRDocument(header: Self.header(), tree: Self.report().contentTree).write(to: good, as: .mammographyCAD, evidence: [])
        let data = try Data(contentsOf: URL(fileURLWithPath: good))
        let cut = folder.appendingPathComponent("cut.dcm").path
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cut))
        #expect { try SRDocument.read(path: cut) } throws: { error in (error as? DicomError)?.path == cut }
    }
}
