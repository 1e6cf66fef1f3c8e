// `mammoterm referral ...`: decision-referral thresholds (normal triage and safety net).
import ArgumentParser

struct ReferralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral",
        abstract: "Decision referral: calibrate normal-triage and safety-net thresholds.",
        subcommands: [Calibrate.self]
    )
}
