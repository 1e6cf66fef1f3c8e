// `mammoterm synth` (being written).
import ArgumentParser

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "synth", abstract: "Not written yet.")
    func run() throws { throw ValidationError("synth is not written yet") }
}
