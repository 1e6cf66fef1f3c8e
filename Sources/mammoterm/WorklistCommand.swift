// `mammoterm worklist` (being written).
import ArgumentParser

struct WorklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worklist", abstract: "Not written yet.")
    func run() throws { throw ValidationError("worklist is not written yet") }
}
