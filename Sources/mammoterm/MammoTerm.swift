// The command-line front end: the only place concrete backends and paths are chosen.
import ArgumentParser
import MammoCore

@main
struct MammoTerm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mammoterm",
        abstract: "A mammography reading workstation for the terminal (research and demonstration only; not for diagnosis).",
        subcommands: [WorkstationCommand.self, SynthCommand.self, ImportCommand.self, WorklistCommand.self, InfoCommand.self,
                      ShowCommand.self, DoctorCommand.self, AnalyzeCommand.self, FindingsCommand.self, ImportFindingsCommand.self,
                      ModelCommand.self, ReadCommand.self, ReferralCommand.self, TruthCommand.self, AuditCommand.self, ReportCommand.self, ExportCommand.self,
                      AnnotateCommand.self, ImportAnnotationsCommand.self, PacsCommand.self, LibraryCommand.self, StudyCommand.self, MonitorCommand.self],
        defaultSubcommand: WorkstationCommand.self
    )

    /// Arguments as the bytes the shell passed: Swift's own decoding replaces bytes that are not
    /// UTF-8, and a file named so could then not be opened (FileName keeps them).
    static func main() async {
        let arguments = (1..<Int(CommandLine.argc)).compactMap { index -> String? in
            guard let argument = CommandLine.unsafeArgv[index] else { return nil }
            return FileName.string(bytes: UnsafeBufferPointer(start: argument, count: strlen(argument)).map { UInt8(bitPattern: $0) })
        }
        await main(arguments)
    }
}
