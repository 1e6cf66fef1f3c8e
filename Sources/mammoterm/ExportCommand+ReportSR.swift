// `mammoterm export report-sr (--study UID | --reader ID) --out DIR [--send NODE]`: each current
// final reader decision as a DICOM Breast Imaging Report SR (TID 4200, Enhanced SR), one file per
// decision, DIR/<study>/<reader>-<protocol>.dcm, optionally sent to an archive (C-STORE or STOW-RS).
// The library's append-only record stays the source of truth; the template's rules are checked
// before anything is written (BreastImagingReport.validate).
import Archive
import ArgumentParser
import DICOM
import Foundation
import MammoCore
import Store

extension ExportCommand {
    struct ReportSR: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report-sr",
            abstract: "Write final reader decisions as DICOM Breast Imaging Report SR files (and send them to an archive).")

        @Option(help: "Export the decisions on this Study Instance UID.") var study: String?
        @Option(help: "Export this reader's decisions (with --study: on that study only).") var reader: String?
        @Option(help: "Folder to write into (created if missing).", completion: .directory) var out: String
        @Option(help: "The verifying observer's organization (Verifying Organization).") var organization = "mammoterm"
        @Flag(help: "Export even when the decisions fail the audit (the reports are then left UNVERIFIED).") var force = false
        @Option(help: ArgumentHelp("Send each file to this archive ([[pacs]] name in config.toml).", valueName: "node")) var send: String?
        @Option(help: "dimse (C-STORE) or dicomweb (STOW-RS), for --send.") var via: PacsSendCommand.SendTransport = .dimse
        @OptionGroup var options: PacsOptions

        func validate() throws {
            if study == nil && reader == nil { throw ValidationError("give --study UID or --reader ID (or both)") }
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
            // A decision that fails the audit is not what its reader attested: refuse, or with
            // --force write it without the VERIFIED flag.
            let problem = try ExportCommand.auditProblem(database)
            if let problem, !force {
                PacsCommand.complain("not exported: the decisions fail the audit: \(PrintableText.clean(problem)); see `mammoterm audit verify` (--force exports them UNVERIFIED)")
                throw ExitCode(1)
            }
            if let problem { PacsCommand.complain("WARNING: exporting decisions that fail the audit, UNVERIFIED (--force): \(PrintableText.clean(problem))") }

            let finals = ReadRecord.latest(try database.reads(reader: reader, study: study)).map(\.record).filter { $0.stage == .final }
            guard !finals.isEmpty else {
                let scope = [study.map { "study \($0)" }, reader.map { "reader \($0)" }].compactMap { $0 }.joined(separator: " by ")
                PacsCommand.complain("no final reader decision for \(PrintableText.clean(scope)) in the library (read it with `mammoterm read`, or import decisions)")
                throw ExitCode(1)
            }
            var written: [String] = []
            var problems: [String] = []
            var images: [String: [ImageSummary]] = [:]
            for record in finals {
                let studyImages = try images[record.studyInstanceUID] ?? database.images(studyInstanceUID: record.studyInstanceUID)
                images[record.studyInstanceUID] = studyImages
                do {
                    written.append(try Self.write(record, images: studyImages, into: out, organization: organization,
                                                  verified: problem == nil, taken: Set(written)))
                } catch {
                    problems.append("\(record.studyInstanceUID) (\(record.reader) \(record.readingProtocol.rawValue), record \(record.id ?? 0)): \(error)")
                }
            }
            try ExportCommand.finishDICOMExport(written: written, problems: problems, noun: "report SR", folder: out, node: node, via: via)
        }


        /// Writes one decision as DIR/<study>/<reader>-<protocol>.dcm and returns the path.
        /// `taken`: the files this run wrote already; two readers whose ids sanitize alike ("a b",
        /// "a_b") must not overwrite each other, so the second gets its record id as well.
        static func write(_ record: ReadRecord, images: [ImageSummary], into folder: String, organization: String,
                          verified: Bool, taken: Set<String> = []) throws -> String {
            guard let first = images.first else { throw ValidationError("the study has no images in the library") }
            // The views read: the four screening views where the study has them, else every image.
            let screening = ViewKey.screening.compactMap { key in images.first { $0.viewKey == key } }
            let read = screening.isEmpty ? images : screening
            let report = BreastImagingReport(record: record, images: read.map {
                BreastImagingReport.Image(sopClassUID: SRDocument.sopClassUID(of: $0), sopInstanceUID: $0.sopInstanceUID, view: $0.viewKey)
            })
            try report.validate()
            // The same record always gets the same UIDs (a second export or send replaces, not
            // adds); a revision is a new record, so a new instance in the same series.
            let slot = "report-sr|\(record.studyInstanceUID)|\(record.reader)|\(record.readingProtocol.rawValue)"
            var header = SRDocumentHeader(study: first)
            header.sopInstanceUID = DicomUID.derived(from: slot + "|\(record.hash)|\(record.submittedAt.text)|instance")
            header.seriesInstanceUID = DicomUID.derived(from: slot + "|series")
            header.seriesNumber = "901"
            header.seriesDescription = String("Breast imaging report: \(record.reader) (\(record.readingProtocol.rawValue))".prefix(64))
            header.instanceNumber = String(record.id ?? 1)
            // The content is the reader's: its date and time are when the decision was submitted.
            header.contentDate = record.submittedAt.dicomDate
            header.contentTime = record.submittedAt.dicomTime
            header.manufacturer = "mammoterm"
            header.manufacturerModelName = "mammoterm export report-sr"
            let directory = URL(fileURLWithPath: folder).appendingPathComponent(ExportCommand.sanitized(record.studyInstanceUID))
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let stem = "\(ExportCommand.sanitized(record.reader))-\(ExportCommand.sanitized(record.readingProtocol.rawValue))"
            var path = directory.appendingPathComponent(stem + ".dcm").path
            if taken.contains(path) { path = directory.appendingPathComponent("\(stem)-\(record.id ?? 0).dcm").path }
            let evidence = read.map(SRDocument.Evidence.init)
            // COMPLETE: a final decision is the whole reading. VERIFIED by the reader: submitting a
            // final decision is the reader's own attestation of it (the record is theirs, hashed
            // into the library's chain), so the reader is the verifying observer; not when the
            // chain fails the audit.
            try SRDocument(header: header, tree: report.contentTree).write(
                to: path, as: .enhanced, evidence: evidence, complete: true,
                verifyingObserver: verified ? report.observerName : nil, organization: organization)
            return path
        }
    }
}
