// Bad model files and bad inputs fail with errors that name the file, node and op.
import Foundation
@testable import Inference
import Testing

@Suite("Model loading errors")
struct ModelErrorTests {
    func reluChain() throws -> Data {
        var builder = ModelBuilder(shape: [1, 4])
        builder.node("Relu", ["x"], "a")
        builder.node("Sigmoid", ["a"], "y")
        builder.output("y")
        return try builder.serialized()
    }

    @Test func truncatedFileNamesTheFile() throws {
        let data = try reluChain()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("truncated-\(UUID()).onnx")
        try data.prefix(data.count / 2).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: InferenceError.self) { try OnnxModel(contentsOf: url) }
        #expect(error.path == url.path)
        #expect(error.description.hasPrefix(url.path))
    }

    @Test func garbageAndMissingFiles() throws {
        let garbage = try #require(throws: InferenceError.self) { try OnnxModel(serializedData: Data("hello, not a model".utf8), path: "g.onnx") }
        #expect(garbage.path == "g.onnx")
        let missing = try #require(throws: InferenceError.self) { try OnnxModel(contentsOf: URL(fileURLWithPath: "/nonexistent/m.onnx")) }
        #expect(missing.description.contains("/nonexistent/m.onnx"))
    }

    @Test func unsupportedOpAndAttributeNameTheNode() throws {
        var builder = ModelBuilder(shape: [1, 4])
        builder.node("Relu", ["x"], "a")
        builder.node("Erf", ["a"], "y")
        builder.output("y")
        let model = try OnnxModel(serializedData: try builder.serialized(), path: "erf.onnx")
        let error = try #require(throws: InferenceError.self) { try InferenceSession(model: model) }
        #expect(error.op == "Erf" && error.node == "y_node" && error.path == "erf.onnx")

        var softmax = ModelBuilder(shape: [1, 4])
        softmax.node("Softmax", ["x"], "y", attributes: [ModelBuilder.attribute("axis", int: 1), ModelBuilder.attribute("bogus", int: 1)])
        softmax.output("y")
        let attributeError = try #require(throws: InferenceError.self) {
            try InferenceSession(model: try OnnxModel(serializedData: try softmax.serialized()))
        }
        #expect(attributeError.op == "Softmax" && attributeError.reason.contains("'bogus'"))
    }

    @Test func oldOpsetIsRejected() throws {
        var builder = ModelBuilder(shape: [1, 4])
        builder.opset = 11
        builder.node("Relu", ["x"], "y")
        builder.output("y")
        let error = try #require(throws: InferenceError.self) { try OnnxModel(serializedData: try builder.serialized(), path: "old.onnx") }
        #expect(error.reason.contains("opset 11"))
    }

    @Test func wrongInputNameOrShape() throws {
        let session = try InferenceSession(model: try OnnxModel(serializedData: try reluChain()))
        #expect(throws: InferenceError.self) { try session.run(["image": Tensor(shape: [1, 4])]) }
        let output = try session.run(["x": Tensor(shape: [1, 4], data: [-1, 0, 1, 2])])["y"]
        #expect(output?.data.map { ($0 * 1000).rounded() } == [500, 500, 731, 881])
    }

    @Test func npyRoundTripAndErrors() throws {
        let tensor = try Tensor(shape: [2, 3], data: [1, -2, 3.5, 0, 1e-7, -0])
        #expect(try Tensor(npyData: tensor.npyData) == tensor)
        let vector = try Tensor(shape: [3], data: [1, 2, 3])
        #expect(try Tensor(npyData: vector.npyData).shape == [3])
        var float64 = tensor.npyData
        float64.replaceSubrange(float64.range(of: Data("<f4".utf8))!, with: Data("<f8".utf8))
        let error = try #require(throws: InferenceError.self) { try Tensor(npyData: float64) }
        #expect(error.reason.contains("'<f8'"))
        #expect(throws: InferenceError.self) { try Tensor(npyData: tensor.npyData.prefix(tensor.npyData.count - 1)) }
        #expect(throws: InferenceError.self) { try Tensor(npyData: Data("not npy at all".utf8)) }
    }
}
