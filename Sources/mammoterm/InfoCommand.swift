// `mammoterm info` (being written).
import ArgumentParser

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Not written yet.")
    func run() throws { throw ValidationError("info is not written yet") }
}
