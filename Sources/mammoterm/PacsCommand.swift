// `mammoterm pacs list|echo|query|retrieve|listen|send`: the archive (PACS) as a source beside
// folder import, over DIMSE (DCMTK's dcmnet) or DICOMweb. Archives are config.toml's [[pacs]]
// entries (Sources/Workstation/Config/WorkstationConfig+Pacs.swift has the keys).
import ArgumentParser
import Foundation

struct PacsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pacs",
        abstract: "Query, retrieve, receive and send mammograms over DICOM (DIMSE and DICOMweb).",
        discussion: """
            Archives are [[pacs]] entries in config.toml (name, host, port, aet, and optionally \
            calling_aet, dicomweb, storage_port, connect_timeout, timeout). Retrieved studies are \
            filed in the library's managed storage and indexed as they arrive.
            """,
        subcommands: [PacsListCommand.self, PacsEchoCommand.self, PacsQueryCommand.self, PacsRetrieveCommand.self,
                      PacsListenCommand.self, PacsSendCommand.self]
    )

    /// One line on stderr, as every mammoterm command reports a failure.
    static func complain(_ text: String) {
        FileHandle.standardError.write(Data("mammoterm: \(text)\n".utf8))
    }
}
