// Builds small ONNX models in Swift for tests that need no Python (errors, dropout, buffer reuse).
import Foundation
import ONNXProto

struct ModelBuilder {
    var graph = Onnx_GraphProto()
    var opset: Int64 = 17

    init(input: String = "x", shape: [Int64]) {
        var info = Onnx_ValueInfoProto()
        info.name = input
        info.type.tensorType.elemType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        info.type.tensorType.shape.dim = shape.map { var d = Onnx_TensorShapeProto.Dimension(); d.dimValue = $0; return d }
        graph.input = [info]
    }

    mutating func node(_ op: String, _ inputs: [String], _ output: String, attributes: [Onnx_AttributeProto] = []) {
        var node = Onnx_NodeProto()
        node.opType = op
        node.name = output + "_node"
        node.input = inputs
        node.output = [output]
        node.attribute = attributes
        graph.node.append(node)
    }

    mutating func initializer(_ name: String, shape: [Int64], floats: [Float]) {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = shape
        tensor.dataType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        tensor.floatData = floats
        graph.initializer.append(tensor)
    }

    mutating func output(_ name: String) {
        var info = Onnx_ValueInfoProto()
        info.name = name
        graph.output.append(info)
    }

    func serialized() throws -> Data {
        var model = Onnx_ModelProto()
        model.irVersion = 8
        var import_ = Onnx_OperatorSetIdProto()
        import_.version = opset
        model.opsetImport = [import_]
        model.graph = graph
        return try model.serializedData()
    }

    static func attribute(_ name: String, int: Int64) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .int
        a.i = int
        return a
    }
}
