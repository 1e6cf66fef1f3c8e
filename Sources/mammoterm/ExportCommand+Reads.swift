// `mammoterm export reads --format csv|imrmc|json [--out FILE]`.
import ArgumentParser
import Foundation
import MammoCore
import Study

extension ExportCommand {
    struct Reads: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, imrmc, json }

        static let configuration = CommandConfiguration(
            commandName: "reads",
            abstract: "Reader decisions as CSV (one row per reader x case x protocol x stage), iMRMC input or JSON (every record).")

        @Option(help: "csv, imrmc or json.") var format: Format = .csv
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @OptionGroup var library: LibraryOptions

        func run() throws {
            let database = try library.openExisting()
            let records = try database.reads()
            let text: String
            switch format {
            case .csv: text = try ReadExport.readsCSV(records)
            case .json: text = try ReadExport.readsJSON(records)
            case .imrmc: text = ReadExport.imrmc(records, info: try StudyCaseInfo.all(in: database))
            }
            try ExportCommand.write(text, to: out)
        }
    }
}
