// `mammoterm model run MODEL.onnx --input X.npy --output Y.npy [--threads N] [--repeat N]`: runs the raw
// graph on a float32 .npy, writes the first output as float32 .npy, prints the median time.
import ArgumentParser
import Foundation
import Inference

// Errors from the model or data files are InferenceErrors: ArgumentParser prints their description (file,
// node, op, reason) with exit status 1, and no usage text, which would suggest a mistyped command.

struct ModelRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run an ONNX model on a float32 .npy input.")

    @Argument(help: "The .onnx file.") var model: String
    @Option(help: "Input tensor: float32 .npy (little-endian, C order), fed to the model's first input.") var input: String
    @Option(help: "Where to write the first output as float32 .npy.") var output: String
    @Option(help: "Threads: the vector conv kernels split row bands over them; OpenBLAS (Gemm, and convs on CPUs without AVX2) uses as many.") var threads: Int = 1
    @Option(name: .customLong("repeat"), help: "Runs to time; the median is printed.") var repetitions: Int = 1

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        InferenceSession.setThreadCount(threads)
        let onnx = try OnnxModel(contentsOf: URL(fileURLWithPath: model))
        let session = try InferenceSession(model: onnx)
        let tensor = try Tensor(npyContentsOf: URL(fileURLWithPath: input))
        guard let inputName = onnx.inputs.first?.name, let outputName = onnx.outputs.first?.name else {
            throw ValidationError("\(model): the graph declares no input or no output")
        }
        var times: [Double] = []
        var result: Tensor?
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            result = try session.run([inputName: tensor])[outputName]
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        guard let result else { throw ValidationError("\(model): no value for output '\(outputName)'") }
        do {
            try result.npyData.write(to: URL(fileURLWithPath: output))
        } catch {
            throw ValidationError("cannot write \(output): \(error.localizedDescription)")
        }
        let median = times.sorted()[times.count / 2]
        print("\(outputName): \(result.shape.map(String.init).joined(separator: "x")) → \(output)")
        print(String(format: "median %.3f ms over %d run(s), %d thread(s)", median, repetitions, threads))
    }
}
