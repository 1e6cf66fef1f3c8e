// `mammoterm import` (being written).
import ArgumentParser

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Not written yet.")
    func run() throws { throw ValidationError("import is not written yet") }
}
