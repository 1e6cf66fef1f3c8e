// `mammoterm truth ...`: ground truth per study for reader studies.
import ArgumentParser

struct TruthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "truth",
        abstract: "Import ground truth (cancer or not, reference BI-RADS, density) per study.",
        subcommands: [Import.self]
    )
}
