// The command-line front end: the only place concrete backends and paths are chosen.
import ArgumentParser

@main
struct MammoTerm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mammoterm",
        abstract: "A mammography reading workstation for the terminal (research and demonstration only; not for diagnosis).",
        subcommands: [WorkstationCommand.self, SynthCommand.self, ImportCommand.self, WorklistCommand.self, InfoCommand.self,
                      ShowCommand.self, DoctorCommand.self, AnalyzeCommand.self, FindingsCommand.self, ImportFindingsCommand.self,
                      ModelCommand.self, ReadCommand.self, ReferralCommand.self, TruthCommand.self, AuditCommand.self, ReportCommand.self, ExportCommand.self,
                      AnnotateCommand.self, ImportAnnotationsCommand.self, PacsCommand.self],
        defaultSubcommand: WorkstationCommand.self
    )
}
