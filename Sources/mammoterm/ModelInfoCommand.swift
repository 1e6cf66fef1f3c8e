// `mammoterm model info MODEL.onnx`: inputs, outputs, op counts, parameters, FLOPs and unsupported ops
// (exit status 1 when any op is unsupported).
import ArgumentParser
import Foundation
import Inference

struct ModelInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Describe an ONNX model and say whether it runs here.")

    @Argument(help: "The .onnx file.") var model: String

    func run() throws {
        // An InferenceError (file, reason) is printed by ArgumentParser with exit status 1.
        let onnx = try OnnxModel(contentsOf: URL(fileURLWithPath: model))
        let summary = onnx.summary
        print("model: \(model)")
        print("opset: \(onnx.opsetVersion)\(onnx.producer.isEmpty ? "" : ", producer: \(onnx.producer)")")
        for (title, values) in [("inputs", onnx.inputs), ("outputs", onnx.outputs)] {
            print("\(title):")
            for value in values { print("  \(value.name)  \(value.shapeText)  \(value.elementType)") }
        }
        print("ops (\(summary.opCounts.values.reduce(0, +)) nodes):")
        for (op, count) in summary.opCounts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            print("  \(op.padding(toLength: max(op.count, 20), withPad: " ", startingAt: 0)) \(count)")
        }
        print("parameters: \(summary.parameterCount.formatted())")
        if let flops = summary.flops {
            let shapes = summary.flopsInputShapes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.map(String.init).joined(separator: "x"))" }
            print(String(format: "FLOPs: %.3f G (one run at %@)", Double(flops) / 1e9, shapes.joined(separator: ", ")))
        } else {
            print("FLOPs: unknown (\(summary.planningError ?? "cannot plan the graph"))")
        }
        if summary.unsupportedOps.isEmpty {
            print("supported: every op runs here")
        } else {
            for (op, node) in summary.unsupportedOps { print("unsupported op: \(op) (first at node '\(node)')") }
            throw ExitCode(1)
        }
    }
}
