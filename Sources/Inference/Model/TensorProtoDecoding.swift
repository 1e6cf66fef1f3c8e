// Decodes ONNX TensorProto initializers (raw little-endian bytes or typed repeated fields).
import Foundation
import ONNXProto

enum TensorProtoDecoding {
    /// TensorProto.DataType values the engine reads (onnx.proto, enum DataType).
    static let float32 = Int32(Onnx_TensorProto.DataType.float.rawValue)
    static let int64 = Int32(Onnx_TensorProto.DataType.int64.rawValue)
    static let int32 = Int32(Onnx_TensorProto.DataType.int32.rawValue)
    static let double = Int32(Onnx_TensorProto.DataType.double.rawValue)

    static func value(_ proto: Onnx_TensorProto) throws -> GraphValue {
        let shape = proto.dims.map(Int.init)
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw InferenceError(reason: "initializer '\(proto.name)' has a negative dimension \(shape)")
        }
        if proto.dataLocation == .external {
            throw InferenceError(reason: "initializer '\(proto.name)' uses external data, which is not supported (save the model with its weights inside)")
        }
        let count = shape.elementCount
        switch proto.dataType {
        case float32:
            let values: [Float] = proto.rawData.isEmpty ? proto.floatData : try littleEndian(proto.rawData, count: count, name: proto.name)
            return .float(try checked(values, shape: shape, name: proto.name))
        case double:
            let values: [Double] = proto.rawData.isEmpty ? proto.doubleData : try littleEndian(proto.rawData, count: count, name: proto.name)
            return .float(try checked(values.map(Float.init), shape: shape, name: proto.name))
        case int64:
            let values: [Int64] = proto.rawData.isEmpty ? proto.int64Data : try littleEndian(proto.rawData, count: count, name: proto.name)
            guard values.count == count else { throw countMismatch(proto.name, shape, values.count) }
            return .int64(IndexTensor(shape: shape, values: values))
        case int32:
            let values: [Int32] = proto.rawData.isEmpty ? proto.int32Data : try littleEndian(proto.rawData, count: count, name: proto.name)
            guard values.count == count else { throw countMismatch(proto.name, shape, values.count) }
            return .int64(IndexTensor(shape: shape, values: values.map(Int64.init)))
        default:
            throw InferenceError(reason: "initializer '\(proto.name)' has element type \(typeName(proto.dataType)); only float, double, int32 and int64 are supported")
        }
    }

    /// ONNX stores raw_data little-endian regardless of the writer's machine.
    private static func littleEndian<T: FixedWidthInteger>(_ bytes: Data, count: Int, name: String) throws -> [T] {
        guard bytes.count == count * MemoryLayout<T>.size else { throw rawSizeMismatch(name, bytes.count, count, MemoryLayout<T>.size) }
        var values = [T](repeating: 0, count: count)
        _ = values.withUnsafeMutableBytes { destination in bytes.copyBytes(to: destination) }
        return values.map { T(littleEndian: $0) }
    }

    private static func littleEndian(_ bytes: Data, count: Int, name: String) throws -> [Float] {
        let bits: [UInt32] = try littleEndian(bytes, count: count, name: name)
        return bits.map { Float(bitPattern: $0) }
    }

    private static func littleEndian(_ bytes: Data, count: Int, name: String) throws -> [Double] {
        let bits: [UInt64] = try littleEndian(bytes, count: count, name: name)
        return bits.map { Double(bitPattern: $0) }
    }

    private static func checked(_ values: [Float], shape: [Int], name: String) throws -> Tensor {
        guard values.count == shape.elementCount else { throw countMismatch(name, shape, values.count) }
        return Tensor(unchecked: shape, values)
    }

    private static func countMismatch(_ name: String, _ shape: [Int], _ count: Int) -> InferenceError {
        InferenceError(reason: "initializer '\(name)' of shape \(shape) holds \(count) values")
    }

    private static func rawSizeMismatch(_ name: String, _ bytes: Int, _ count: Int, _ size: Int) -> InferenceError {
        InferenceError(reason: "initializer '\(name)' has \(bytes) raw bytes, expected \(count) x \(size)")
    }

    static func typeName(_ dataType: Int32) -> String {
        Onnx_TensorProto.DataType(rawValue: Int(dataType)).map { "\($0)" } ?? "type \(dataType)"
    }
}
