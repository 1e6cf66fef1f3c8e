// `mammoterm export truth-joined [--out FILE]`: current decisions joined with ground truth and the
// AI result, as CSV.
import ArgumentParser
import Foundation
import MammoCore
import Study

extension ExportCommand {
    struct TruthJoined: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "truth-joined",
            abstract: "Decisions joined with ground truth and the AI score (CSV) for outside analysis.")

        @Option(help: "Write to this file instead of standard output.") var out: String?
        @OptionGroup var library: LibraryOptions

        func run() throws {
            let database = try library.openChecked()
            let (records, bad) = try database.readsReportingBad()
            try ExportCommand.write(ReadExport.truthJoinedCSV(records, info: try StudyCaseInfo.all(in: database)), to: out)
            try ExportCommand.failIfBad(bad, exported: records.count)
        }
    }
}
