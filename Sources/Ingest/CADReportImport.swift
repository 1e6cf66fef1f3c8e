// A Mammography CAD SR from any system into the library as an AI result, like `import-findings`:
// its references resolved to the study's images, each finding checked (an image not here,
// coordinates outside the image, no coordinates at all) and named by its content item when
// dropped, the rest saved under the SR's system and algorithm. A report is refused whole only when
// nothing of it can be used, or when it names a patient other than the study's.
import DICOM
import Foundation
import MammoCore
import Store

public enum CADReportImport {
    /// What came of one file.
    public struct Outcome: Sendable {
        public var analysis: AIAnalysis
        /// Items dropped, each "content item 1.5.2.1: why".
        public var notes: [String]
    }

    /// Side of the box a centre-only finding is shown as, in mm (about a small mass's size).
    public static let centreBoxMM = 5.0

    /// Why nothing of a report was saved; `waitsForImages` when its study is not in the library
    /// (a receiver tries again once the images have come).
    public struct Failure: Error, Sendable {
        public var reason: SkipReason
        public var waitsForImages = false
    }

    /// Reads `path` and saves its findings. `.failure` says why nothing was saved.
    public static func run(path: String, database: Database, createdAt: Timestamp = .now) -> Result<Outcome, Failure> {
        let outcome: Outcome
        do {
            let document = try SRDocument.read(path: path)
            let read = try MammographyCADReport.read(document, path: path)
            outcome = try analysis(read.report, notes: read.notes, header: document.header, database: database, createdAt: createdAt)
        } catch let error as DicomError {
            return .failure(Failure(reason: SkipReason(error)))
        } catch let error as StoreError {
            return .failure(Failure(reason: SkipReason(error)))
        } catch let refusal as Refusal {
            return .failure(Failure(reason: SkipReason(.report, refusal.reason), waitsForImages: refusal.studyMissing))
        } catch {
            return .failure(Failure(reason: SkipReason(.report, "\(error)")))
        }
        do {
            try database.saveAnalysis(outcome.analysis)
        } catch {
            return .failure(Failure(reason: SkipReason(error)))
        }
        return .success(outcome)
    }

    struct Refusal: Error {
        var reason: String
        var studyMissing = false
    }

    /// The report as the library's AI result for its study, checked against the study's images.
    static func analysis(_ report: MammographyCADReport, notes: [String], header: SRDocumentHeader, database: Database,
                         createdAt: Timestamp) throws -> Outcome {
        let images = try database.images(studyInstanceUID: header.studyInstanceUID)
        guard !images.isEmpty else {
            throw Refusal(reason: "(0020,000D) its study \(header.studyInstanceUID) is not in the library (import the images first)",
                          studyMissing: true)
        }
        // A report filed under another patient's study would put its marks on the wrong woman.
        if let held = images.first?.patientID, !header.patientID.isEmpty, held != header.patientID {
            throw Refusal(reason: "(0010,0020) it names patient \(header.patientID), but study \(header.studyInstanceUID) is patient \(held)'s")
        }
        let bySOP = Dictionary(images.map { ($0.sopInstanceUID, $0) }, uniquingKeysWith: { first, _ in first })
        var notes = notes
        var findings: [AIFinding] = []
        var spacingOf: [String: Double] = [:]
        for (index, finding) in report.findings.enumerated() {
            let name = report.itemPositions.indices.contains(index) ? "content item \(report.itemPositions[index])" : "finding \(index + 1)"
            guard let image = bySOP[finding.image] else {
                notes.append("\(name): refers to image \(finding.image), which is not in the library")
                continue
            }
            guard let view = image.viewKey else {
                notes.append("\(name): image \(finding.image) has no known view")
                continue
            }
            // The image's own spacing sizes a centre's box; the report's, or 0.1 mm, when it has none.
            let spacing = spacingOf[finding.image] ?? (try? DicomHeaderReader.unchecked(path: image.path).spacing?.column)
                ?? report.images.first { $0.sopInstanceUID == finding.image }?.spacing?.column ?? 0.1
            spacingOf[finding.image] = spacing
            guard let box = finding.box(centreSide: centreBoxMM / spacing) else {
                notes.append("\(name): no coordinates (neither outline nor centre)")
                continue
            }
            let points = finding.outline + (finding.center.map { [$0] } ?? [])
            let width = Double(image.columns), height = Double(image.rows)
            if let outside = points.first(where: { $0.x < 0 || $0.y < 0 || $0.x > width || $0.y > height }) {
                notes.append("\(name): point (\(outside.x), \(outside.y)) lies outside the \(Int(width))x\(Int(height)) image")
                continue
            }
            let clipped = PixelBox(x: max(0, box.x), y: max(0, box.y),
                                   width: min(box.maxX, width) - max(0, box.x), height: min(box.maxY, height) - max(0, box.y))
            findings.append(AIFinding(view: view, box: clipped, score: finding.score ?? report.examScore ?? 0,
                                      confidence: finding.certainty.map { $0 / 100 }, kind: finding.kind, pair: finding.pair))
        }
        if findings.isEmpty && !report.findings.isEmpty {
            throw Refusal(reason: "none of its \(report.findings.count) findings could be used: " + notes.joined(separator: "; "))
        }
        let source = [header.manufacturer, header.manufacturerModelName].filter { !$0.isEmpty }.joined(separator: " ")
        let analysis = AIAnalysis(
            studyInstanceUID: header.studyInstanceUID, model: report.algorithmName.isEmpty ? "CAD" : report.algorithmName,
            modelVersion: report.algorithmVersion, source: source.isEmpty ? "unnamed CAD system" : source,
            inputHash: "", examScore: report.examScore ?? findings.map(\.score).max() ?? 0,
            examConfidence: report.examCertainty.map { $0 / 100 }, threshold: report.threshold,
            findings: findings, createdAt: createdAt)
        return Outcome(analysis: analysis, notes: notes)
    }
}
