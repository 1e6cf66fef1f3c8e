// `mammoterm model info|run|calibrate`: an ONNX model as a tool — what is in it, does it run
// here, and how far its confidence can be trusted.
import ArgumentParser

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Inspect or run an ONNX model with mammoterm's inference engine.",
        subcommands: [ModelInfoCommand.self, ModelRunCommand.self, ModelCalibrateCommand.self]
    )
}
