// `mammoterm audit ...`: the tamper-evident record of reader decisions.
import ArgumentParser

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the hash chain of the recorded reader decisions.",
        subcommands: [Verify.self, Anchor.self, AppendTest.self]
    )
}
