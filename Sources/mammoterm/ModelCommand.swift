// `mammoterm model info|run`: an ONNX model as a tool — what is in it, and does it run here.
import ArgumentParser

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Inspect or run an ONNX model with mammoterm's inference engine.",
        subcommands: [ModelInfoCommand.self, ModelRunCommand.self]
    )
}
