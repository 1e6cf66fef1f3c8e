// `mammoterm export cad-sr (STUDY_UID...|--all) --out DIR [--send NODE]`: each study's stored AI
// results as a DICOM Mammography CAD SR (TID 4000), one file per study and model,
// DIR/<study>/<source>-<model>.dcm, optionally sent to an archive (C-STORE or STOW-RS). The
// template's rules are checked before anything is written (MammographyCADReport.validate).
import Archive
import ArgumentParser
import DICOM
import Foundation
import Inference
import MammoCore
import Store

extension ExportCommand {
    struct CADSR: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cad-sr",
            abstract: "Write stored AI results as DICOM Mammography CAD SR files (and send them to an archive).")

        @Argument(help: "Study Instance UIDs (or --all).") var studies: [String] = []
        @Flag(help: "Every study with an AI result.") var all = false
        @Option(help: "Folder to write into (created if missing).", completion: .directory) var out: String
        @Option(help: ArgumentHelp("Send each file to this archive ([[pacs]] name in config.toml).", valueName: "node")) var send: String?
        @Option(help: "dimse (C-STORE) or dicomweb (STOW-RS), for --send.") var via: PacsSendCommand.SendTransport = .dimse
        @OptionGroup var options: PacsOptions

        func validate() throws {
            if all == !studies.isEmpty { throw ValidationError("give Study Instance UIDs or --all (not both)") }
        }

        func run() throws {
            let settings = try options.settings()
            let libraryPath = options.libraryPath(settings)
            guard LibraryOptions.exists(libraryPath) else {
                PacsCommand.complain("there is no library at \(PrintableText.clean(libraryPath))")
                throw ExitCode(1)
            }
            let node = try send.map { try options.node($0, in: settings) }
            let database = try Database.open(libraryPath)
            let uids = all ? try database.analysedStudies() : studies
            var written: [String] = []
            var problems: [String] = []
            for uid in uids {
                let analyses = try database.analyses(studyInstanceUID: uid)
                guard !analyses.isEmpty else {
                    problems.append("\(uid): no AI result (run `mammoterm analyze \(uid)` or import one)")
                    continue
                }
                let images = try database.images(studyInstanceUID: uid)
                for analysis in analyses {
                    do {
                        written.append(try Self.write(analysis, images: images, into: out))
                    } catch {
                        problems.append("\(uid) (\(analysis.source) \(analysis.model)): \(error)")
                    }
                }
            }
            try ExportCommand.finishDICOMExport(written: written, problems: problems, noun: "CAD SR", folder: out, node: node, via: via)
        }

        /// Writes one analysis as DIR/<study>/<source>-<model>.dcm and returns the path.
        static func write(_ analysis: AIAnalysis, images: [ImageSummary], into folder: String) throws -> String {
            guard let first = images.first else { throw ValidationError("the study has no images in the library") }
            // The Image Library: the screening views the findings can lie on, with their spacing.
            let library = ViewKey.screening.compactMap { key in images.first { $0.viewKey == key } }.map { image in
                let header = try? DicomHeaderReader.unchecked(path: image.path)
                return MammographyCADReport.Image(sopClassUID: SRDocument.sopClassUID(of: image),
                                                  sopInstanceUID: image.sopInstanceUID, view: image.viewKey, rows: image.rows,
                                                  columns: image.columns, spacing: header?.spacing, studyDate: image.studyDate)
            }
            let report = MammographyCADReport(analysis: analysis, images: library, algorithmParameters: parameters(of: analysis))
            try report.validate()
            // The same result always gets the same UIDs: a second export or send replaces, not adds.
            let seed = "cad-sr|\(analysis.studyInstanceUID)|\(analysis.source)|\(analysis.model)|\(analysis.modelVersion)|\(analysis.createdAt.text)"
            var header = SRDocumentHeader(study: first)
            header.sopInstanceUID = DicomUID.derived(from: seed + "|instance")
            header.seriesInstanceUID = DicomUID.derived(from: seed + "|series")
            header.seriesNumber = "900"
            header.seriesDescription = "AI results: \(analysis.source) \(analysis.model) \(analysis.modelVersion)"
            header.contentDate = analysis.createdAt.dicomDate
            header.contentTime = analysis.createdAt.dicomTime
            header.manufacturer = analysis.source
            header.manufacturerModelName = analysis.model
            header.softwareVersions = analysis.modelVersion
            let directory = URL(fileURLWithPath: folder).appendingPathComponent(ExportCommand.sanitized(analysis.studyInstanceUID))
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent(ExportCommand.sanitized("\(analysis.source)-\(analysis.model)") + ".dcm").path
            let evidence = images.filter { image in library.contains { $0.sopInstanceUID == image.sopInstanceUID } }.map(SRDocument.Evidence.init)
            try SRDocument(header: header, tree: report.contentTree).write(to: path, as: .mammographyCAD, evidence: evidence)
            return path
        }

        /// Algorithm Parameters: for our bundled model, the hashes of its ONNX file and sidecar.
        static func parameters(of analysis: AIAnalysis) -> String {
            guard analysis.source == "mammoterm", let card = try? LesionModelCard.bundled(),
                  card.modelID == analysis.model, card.modelVersion == analysis.modelVersion else { return "" }
            var parts = ["onnx sha256 \(card.onnxSHA256)"]
            if let path = LesionModelCard.bundledSidecarPath, let data = FileManager.default.contents(atPath: path) {
                parts.append("sidecar sha256 \(ChainAnchor.sha256Hex(data))")
            }
            return parts.joined(separator: "; ")
        }
    }
}
