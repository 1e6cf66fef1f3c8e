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
            let database = try library.openExisting()
            try ExportCommand.write(ReadExport.truthJoinedCSV(try database.reads(), info: try StudyCaseInfo.all(in: database)), to: out)
        }
    }
}
