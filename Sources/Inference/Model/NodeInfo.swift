// One ONNX graph node as the engine sees it: name, op, wiring and typed attribute access.
import ONNXProto

struct NodeInfo: Sendable {
    var name: String
    var opType: String
    var domain: String
    var inputs: [String]
    var outputs: [String]
    var attributes: [String: Onnx_AttributeProto]

    init(_ proto: Onnx_NodeProto, index: Int) {
        // Unnamed nodes are common; the index keeps error messages pointing somewhere.
        name = proto.name.isEmpty ? "#\(index) (\(proto.opType))" : proto.name
        opType = proto.opType
        domain = proto.domain
        inputs = proto.input
        outputs = proto.output
        attributes = Dictionary(proto.attribute.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    init(name: String, opType: String, inputs: [String], outputs: [String], attributes: [String: Onnx_AttributeProto] = [:]) {
        self.name = name
        self.opType = opType
        self.domain = ""
        self.inputs = inputs
        self.outputs = outputs
        self.attributes = attributes
    }

    /// Any attribute outside `known` is an error: silently ignoring one would compute something else.
    func requireOnly(_ known: Set<String>) throws {
        for key in attributes.keys.sorted() where !known.contains(key) {
            throw InferenceError.unsupported(self, "attribute '\(key)'")
        }
    }

    func int(_ key: String, default value: Int) -> Int {
        guard let attribute = attributes[key] else { return value }
        return Int(attribute.i)
    }

    func ints(_ key: String) -> [Int]? {
        attributes[key].map { $0.ints.map(Int.init) }
    }

    func float(_ key: String, default value: Float) -> Float {
        guard let attribute = attributes[key] else { return value }
        return attribute.f
    }

    func string(_ key: String, default value: String) -> String {
        guard let attribute = attributes[key] else { return value }
        return String(decoding: attribute.s, as: UTF8.self)
    }

    /// The input name at `index`, or nil when absent or given as "" (ONNX's "optional input omitted").
    func input(_ index: Int) -> String? {
        index < inputs.count && !inputs[index].isEmpty ? inputs[index] : nil
    }
}
