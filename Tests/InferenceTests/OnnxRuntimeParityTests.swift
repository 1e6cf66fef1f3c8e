// Every op (and a ResNet-18-shaped network) against onnxruntime on the same .onnx and input:
// relative L-infinity error (Comparison) at most 1e-4.
import Foundation
@testable import Inference
import Testing

@Suite("Inference agrees with onnxruntime")
struct OnnxRuntimeParityTests {
    static let tolerance: Float = 1e-4

    @Test func everyCaseAgrees() throws {
        guard let manifest = try OnnxOracle.manifest() else { return }
        #expect(manifest.cases.count >= 40)
        for name in manifest.cases {
            let base = OnnxOracle.directory.appendingPathComponent(name)
            let model = try OnnxModel(contentsOf: base.appendingPathExtension("onnx"))
            let input = try Tensor(npyContentsOf: base.appendingPathExtension("input.npy"))
            let expected = try Tensor(npyContentsOf: base.appendingPathExtension("expected.npy"))
            let session = try InferenceSession(model: model)
            let output = try #require(session.run(["x": input])[model.outputs[0].name], "\(name): no output")
            #expect(output.shape == expected.shape, "\(name): shape \(output.shape) vs \(expected.shape)")
            let error = Comparison.relativeError(output.data, expected.data)
            #expect(error <= Self.tolerance, "\(name): relative error \(error)")
            // A second run reuses the planned buffers: same answer.
            let again = try #require(session.run(["x": input])[model.outputs[0].name])
            #expect(again == output, "\(name): second run differs")
        }
    }

    @Test func fusionLeavesTheResNetFewerLayers() throws {
        guard try OnnxOracle.manifest() != nil else { return }
        let model = try OnnxModel(contentsOf: OnnxOracle.directory.appendingPathComponent("resnet18_64.onnx"))
        let fused = try CompiledGraph(model: model)
        let plain = try CompiledGraph(model: model, optimize: false)
        // Every BatchNormalization, residual Add and Relu after a conv is gone into a Conv.
        #expect(!fused.layers.contains { $0 is BatchNormLayer })
        #expect(!fused.layers.contains { ($0 as? BinaryLayer)?.op == .add })
        #expect(!fused.layers.contains { $0 is ActivationLayer })
        #expect(fused.layers.count < plain.layers.count)
        let summary = model.summary
        #expect(summary.opCounts["Conv"] == 20)
        #expect(summary.parameterCount > 11_000_000)
        // ResNet-18 at 224x224 is 1.8 GMAC; at 64x64 about (64/224)^2 of it.
        let flops = try #require(summary.flops)
        #expect(flops > 250_000_000 && flops < 350_000_000, "FLOPs \(flops)")
    }

    @Test func rejectsWhatItCannotRun() throws {
        guard try OnnxOracle.manifest() != nil else { return }
        let unsupported = try OnnxModel(contentsOf: OnnxOracle.directory.appendingPathComponent("error_unsupported_op.onnx"))
        #expect(unsupported.unsupportedOps.map(\.op) == ["Hardmax"])
        let error = try #require(throws: InferenceError.self) { try InferenceSession(model: unsupported) }
        #expect(error.op == "Hardmax" && error.node == "hardmax1_node")
        #expect(error.description.contains("Hardmax node 'hardmax1_node'"))
        let old = try #require(throws: InferenceError.self) {
            try OnnxModel(contentsOf: OnnxOracle.directory.appendingPathComponent("error_opset12.onnx"))
        }
        #expect(old.reason.contains("opset 12"))
    }
}
