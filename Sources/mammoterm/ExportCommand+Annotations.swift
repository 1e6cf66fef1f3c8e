// `mammoterm export annotations --format vindr|coco|json [--out FILE]`: the library's lesion marks
// as VinDr-Mammo-style CSV, COCO JSON or the project's own lossless JSON (formats documented in
// Sources/Study/Annotations/ and the README).
import ArgumentParser
import DICOM
import Foundation
import MammoCore
import Store
import Study

extension ExportCommand {
    struct Annotations: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "annotations",
            abstract: "Export lesion marks: VinDr-style CSV, COCO JSON or mammoterm's own JSON (lossless).")

        enum Format: String, ExpressibleByArgument, CaseIterable { case vindr, coco, json }

        @Option(help: "vindr (finding_annotations.csv columns), coco or json (mammoterm-annotations, lossless).") var format: Format
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @Option(help: "Only this annotator's marks.") var annotator: String?
        @Option(help: "Only this study's marks (Study Instance UID).") var study: String?
        @Flag(help: "Only marks a reviewer accepted as ground truth.") var accepted = false
        @OptionGroup var library: LibraryOptions

        func run() throws {
            let database = try library.openChecked()
            var marks = try database.annotations(studyInstanceUID: study, annotator: annotator)
            if accepted { marks = marks.filter(\.isAccepted) }
            let images = try Self.images(of: Set(marks.map(\.studyInstanceUID)).sorted(), in: database)
            let now = Timestamp.now
            var pointsLeftOut = 0
            let text: String
            do {
                switch format {
                case .vindr:
                    // Images with marks this export leaves out are not "No Finding".
                    let all = try database.annotations(studyInstanceUID: study)
                    let exported = Set(marks.map(\.id))
                    let otherwise = Set(all.filter { !exported.contains($0.id) }.map(\.sopInstanceUID))
                    (text, pointsLeftOut) = VinDrFindingsCSV.export(marks, images: images, otherwiseMarked: otherwise)
                case .coco: (text, pointsLeftOut) = try COCOAnnotations.export(marks, images: images, exportedAt: now)
                case .json: text = try AnnotationsJSON.export(marks, images: images, exportedAt: now)
                }
            } catch {
                FileHandle.standardError.write(Data("mammoterm: \(error)\n".utf8))
                throw ExitCode(1)
            }
            try ExportCommand.write(text, to: out)
            if pointsLeftOut > 0 {
                FileHandle.standardError.write(Data("mammoterm: \(pointsLeftOut) point marks left out: \(format.rawValue) needs a region (json keeps them)\n".utf8))
            }
            if let out {
                let written = format == .json ? marks : marks.filter { $0.shape.area > 0 }
                FileHandle.standardError.write(Data("Exported \(written.count) marks on \(Set(written.map(\.sopInstanceUID)).count) images to \(PrintableText.clean(out)).\n".utf8))
            }
        }

        /// The library's images of `studies`, as the annotation formats see them.
        /// The images the marks lie on, each with its pixel spacing from its header (none where the
        /// file says none or cannot be read: that image's marks get no millimetres, not a guess).
        static func images(of studies: [String], in database: Database) throws -> [AnnotationImage] {
            try studies.flatMap { try database.images(studyInstanceUID: $0) }.map { summary in
                var image = AnnotationImage(summary)
                if let spacing = (try? DicomHeaderReader.read(path: summary.path))?.spacing {
                    image.pixelSpacingMM = (spacing.row + spacing.column) / 2
                }
                return image
            }
        }
    }
}
