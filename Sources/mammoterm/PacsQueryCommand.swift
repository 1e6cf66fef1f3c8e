// `mammoterm pacs query NAME`: the archive's mammography studies (C-FIND Study Root at STUDY
// level with ModalitiesInStudy MG, or QIDO-RS), or a study's series / instances. Study answers
// are kept in the library, so the workstation's worklist lists them (where = NAME) until they
// are retrieved. `--json` is a contract: an array of objects with studyInstanceUID, patientID,
// studyDate, modalitiesInStudy, numberOfInstances (and the other RemoteStudy fields).
import Archive
import ArgumentParser
import Foundation
import MammoCore
import Store
import Workstation

struct PacsQueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Find mammography studies in an archive (C-FIND or QIDO-RS).",
        discussion: "Shows patient names: this is a reading list, not a log. Study answers are kept in the library for the worklist.")

    @OptionGroup var options: PacsOptions
    @Argument(help: "The archive's name in config.toml.") var name: String

    @Option(help: "Patient ID (DICOM wildcards * and ? allowed).") var patient: String?
    @Option(help: ArgumentHelp("Study date or range: 2024, 2024-03, 2023..2024-06, 2024-03.., or DICOM's 20230101-20240630.", valueName: "range"))
    var date: String?
    @Option(help: "Accession number.") var accession: String?
    @Option(help: "Study Instance UID (required for --level series and image).") var study: String?
    @Option(help: "study, series or image.") var level: Level = .study
    @Option(help: "Modality in the study to match (default MG; \"any\" matches every study).") var modality: String = "MG"
    @Option(help: "dimse (C-FIND) or dicomweb (QIDO-RS).") var via: QueryTransport = .dimse

    @Flag(exclusivity: .exclusive) var format: WorklistCommand.Format = .table

    enum Level: String, ExpressibleByArgument, CaseIterable { case study, series, image }
    enum QueryTransport: String, ExpressibleByArgument, CaseIterable { case dimse, dicomweb }

    func validate() throws {
        if level != .study && study == nil { throw ValidationError("--level \(level.rawValue) needs --study UID") }
        if let date {
            do { _ = try StudyDateRange.parseQuery(date) } catch { throw ValidationError(error.reason) }
        }
    }

    func run() throws {
        let settings = try options.settings()
        let node = try options.node(name, in: settings)
        let dates = try date.flatMap { text throws -> StudyDateRange? in try StudyDateRange.parseQuery(text) }
        do {
            let connection = try node.connection(via: via == .dicomweb ? .dicomweb : .dimse)
            switch level {
            case .study:
                let query = StudyQuery(patientID: patient, studyDate: dates?.dicomQuery, accessionNumber: accession,
                                       studyInstanceUID: study, modality: modality.lowercased() == "any" ? nil : modality)
                var studies = try connection.findStudies(query)
                for index in studies.indices { studies[index].node = node.name }
                studies.sort { ($0.studyDate, $0.studyTime, $0.studyInstanceUID) > ($1.studyDate, $1.studyTime, $1.studyInstanceUID) }
                try keep(studies, node: node, settings: settings)
                try output(studies, table: Self.studyTable)
            case .series:
                try output(try connection.findSeries(studyInstanceUID: study ?? ""), table: Self.seriesTable)
            case .image:
                try output(try connection.findInstances(studyInstanceUID: study ?? "", seriesInstanceUID: nil), table: Self.instanceTable)
            }
        } catch let error as ArchiveError {
            PacsCommand.complain(error.description)
            throw ExitCode(1)
        }
    }

    /// Study answers become remote worklist rows (a library that cannot be written is said, not fatal).
    func keep(_ studies: [RemoteStudy], node: PacsNode, settings: WorkstationConfig) throws {
        do {
            try Database.open(options.libraryPath(settings)).saveRemoteStudies(studies, node: node.name)
        } catch {
            PacsCommand.complain("the answers could not be kept for the worklist: \(error)")
        }
    }

    func output<T: Encodable>(_ rows: [T], table: ([T]) -> [[String]]) throws {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(rows.isEmpty ? "[]" : String(decoding: try encoder.encode(rows), as: UTF8.self))
        case .csv:
            let lines = table(rows).map { $0.map(WorklistCommand.csvField).joined(separator: ",") + "\r\n" }
            print(lines.joined(), terminator: "")
        case .table:
            let body = table(rows)
            guard body.count > 1 else { print("No matches."); return }
            print(TextColumns.render(body.map { $0.map { $0.isEmpty ? "-" : $0 } }))
            print("\(body.count - 1) \(body.count == 2 ? "match" : "matches")")
        }
    }

    static func studyTable(_ studies: [RemoteStudy]) -> [[String]] {
        [["PATIENT ID", "NAME", "DATE", "MODALITIES", "INSTANCES", "ACCESSION", "STUDY UID"]] + studies.map {
            [$0.patientID, $0.patientName, WorklistEntry.formatDate($0.studyDate), $0.modalitiesInStudy.joined(separator: " "),
             $0.numberOfInstances.map(String.init) ?? "", $0.accessionNumber, $0.studyInstanceUID]
        }
    }

    static func seriesTable(_ series: [RemoteSeries]) -> [[String]] {
        [["SERIES", "MODALITY", "INSTANCES", "DESCRIPTION", "SERIES UID"]] + series.map {
            [$0.seriesNumber.map(String.init) ?? "", $0.modality, $0.numberOfInstances.map(String.init) ?? "", $0.seriesDescription, $0.seriesInstanceUID]
        }
    }

    static func instanceTable(_ instances: [RemoteInstance]) -> [[String]] {
        [["NUMBER", "SOP CLASS", "SERIES UID", "SOP INSTANCE UID"]] + instances.map {
            [$0.instanceNumber.map(String.init) ?? "", $0.sopClassUID, $0.seriesInstanceUID, $0.sopInstanceUID]
        }
    }
}
