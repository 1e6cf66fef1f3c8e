// `mammoterm show` (being written).
import ArgumentParser

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Not written yet.")
    func run() throws { throw ValidationError("show is not written yet") }
}
