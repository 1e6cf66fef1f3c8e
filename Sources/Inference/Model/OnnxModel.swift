// An ONNX model file read into memory: its graph's nodes, weights, inputs and outputs.
// Format: onnx.proto (ModelProto → GraphProto); see README "ONNX" for what the engine runs.
import Foundation
import ONNXProto
import SwiftProtobuf

public struct OnnxModel: Sendable {
    /// Where the model came from, for messages.
    public let path: String?
    /// The default-domain opset the graph was exported for.
    public let opsetVersion: Int
    public let producer: String
    /// The graph's runtime inputs (initializers excluded) and its outputs.
    public let inputs: [ValueDescription]
    public let outputs: [ValueDescription]

    /// The oldest default-domain opset whose op semantics (Clip/Pad/Resize inputs, Softmax axis) we implement.
    public static let minimumOpset = 13

    let nodes: [NodeInfo]
    let initializers: [String: GraphValue]

    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InferenceError(path: url.path, reason: "cannot read the model file (\(error.localizedDescription))")
        }
        try self.init(serializedData: data, path: url.path)
    }

    public init(serializedData data: Data, path: String? = nil) throws {
        let proto: Onnx_ModelProto
        do {
            proto = try Onnx_ModelProto(serializedBytes: data)
        } catch {
            throw InferenceError(path: path, reason: "not a readable ONNX model (truncated or not protobuf: \(error))")
        }
        // A protobuf parser accepts many byte strings; a real model has a graph with nodes and an opset.
        guard proto.hasGraph, !proto.graph.node.isEmpty else {
            throw InferenceError(path: path, reason: "not an ONNX model: no graph nodes (truncated or wrong file?)")
        }
        guard let opset = proto.opsetImport.first(where: { $0.domain.isEmpty || $0.domain == "ai.onnx" }) else {
            throw InferenceError(path: path, reason: "the model imports no default-domain opset")
        }
        guard opset.version >= Self.minimumOpset else {
            throw InferenceError(path: path, reason: "opset \(opset.version) is older than \(Self.minimumOpset); re-export with opset_version >= \(Self.minimumOpset) (or convert with onnx.version_converter)")
        }
        self.path = path
        opsetVersion = Int(opset.version)
        producer = proto.producerName + (proto.producerVersion.isEmpty ? "" : " " + proto.producerVersion)

        var initializers: [String: GraphValue] = [:]
        for tensor in proto.graph.initializer {
            do {
                initializers[tensor.name] = try TensorProtoDecoding.value(tensor)
            } catch let error as InferenceError {
                throw InferenceError(path: path, reason: error.reason)
            }
        }
        self.initializers = initializers
        nodes = proto.graph.node.enumerated().map { NodeInfo($1, index: $0) }
        inputs = proto.graph.input.filter { initializers[$0.name] == nil }.map(ValueDescription.init)
        outputs = proto.graph.output.map(ValueDescription.init)
    }

    /// Op types in the graph that the engine cannot run, with the first node using each.
    public var unsupportedOps: [(op: String, node: String)] {
        var seen = Set<String>()
        return nodes.compactMap { node in
            guard !LayerFactory.supports(node), seen.insert(node.opType).inserted else { return nil }
            return (node.opType, node.name)
        }
    }
}

/// A graph input or output: name, dimensions (nil where symbolic, e.g. a batch "N") and element type.
public struct ValueDescription: Sendable, Equatable {
    public var name: String
    public var shape: [Int?]
    /// ONNX's name for the element type, e.g. "float".
    public var elementType: String

    init(_ proto: Onnx_ValueInfoProto) {
        name = proto.name
        let tensorType = proto.type.tensorType
        shape = tensorType.shape.dim.map { dim in
            if case .dimValue(let value)? = dim.value, value > 0 { return Int(value) }
            return nil
        }
        elementType = TensorProtoDecoding.typeName(tensorType.elemType)
    }

    /// "1x3x224x224", with "?" for symbolic dimensions.
    public var shapeText: String {
        shape.isEmpty ? "scalar" : shape.map { $0.map(String.init) ?? "?" }.joined(separator: "x")
    }
}
