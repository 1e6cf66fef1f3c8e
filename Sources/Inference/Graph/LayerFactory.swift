// The op registry: which ONNX op types the engine runs, and the layer type that runs each.

enum LayerFactory {
    /// Default-domain op types → layer constructors. README "ONNX" lists the same set with attributes.
    static let constructors: [String: @Sendable (NodeInfo, [String: GraphValue]) throws -> any Layer] = {
        var table: [String: @Sendable (NodeInfo, [String: GraphValue]) throws -> any Layer] = [:]
        table["Conv"] = { try ConvLayer($0, constants: $1) }
        table["BatchNormalization"] = { try BatchNormLayer($0, constants: $1) }
        for op in ["Relu", "LeakyRelu", "Sigmoid", "Clip"] { table[op] = { try ActivationLayer($0, constants: $1) } }
        table["Softmax"] = { try SoftmaxLayer($0, constants: $1) }
        for op in ["MaxPool", "AveragePool"] { table[op] = { try PoolLayer($0, constants: $1) } }
        table["GlobalAveragePool"] = { try GlobalAveragePoolLayer($0, constants: $1) }
        for op in ["Add", "Sub", "Mul", "Div"] { table[op] = { try BinaryLayer($0, constants: $1) } }
        table["Concat"] = { try ConcatLayer($0, constants: $1) }
        for op in ["Resize", "Upsample"] { table[op] = { try ResizeLayer($0, constants: $1) } }
        for op in ["Gemm", "MatMul"] { table[op] = { try GemmLayer($0, constants: $1) } }
        for op in ["Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity"] { table[op] = { try ViewLayer($0, constants: $1) } }
        table["Transpose"] = { try TransposeLayer($0, constants: $1) }
        table["Pad"] = { try PadLayer($0, constants: $1) }
        table["Dropout"] = { try DropoutLayer($0, constants: $1) }
        for op in ["Shape", "Gather", "Cast"] { table[op] = { try ShapeArithmeticLayer($0, constants: $1) } }
        return table
    }()

    /// Constant nodes become values at compile time rather than layers.
    static func supports(_ node: NodeInfo) -> Bool {
        isDefaultDomain(node) && (node.opType == "Constant" || constructors[node.opType] != nil)
    }

    static func isDefaultDomain(_ node: NodeInfo) -> Bool { node.domain.isEmpty || node.domain == "ai.onnx" }

    static func make(_ node: NodeInfo, constants: [String: GraphValue]) throws -> any Layer {
        guard isDefaultDomain(node), let constructor = constructors[node.opType] else {
            let domain = isDefaultDomain(node) ? "" : " in domain '\(node.domain)'"
            throw InferenceError(node: node.name, op: node.opType, reason: "unsupported op\(domain)")
        }
        return try constructor(node, constants)
    }

    /// A Constant node's value (attribute value, value_float(s) or value_int(s)).
    static func constantValue(_ node: NodeInfo) throws -> GraphValue {
        try node.requireOnly(["value", "value_float", "value_floats", "value_int", "value_ints"])
        if let attribute = node.attributes["value"] {
            do {
                return try TensorProtoDecoding.value(attribute.t)
            } catch let error as InferenceError {
                throw InferenceError(node: node.name, op: node.opType, reason: error.reason)
            }
        }
        if let a = node.attributes["value_float"] { return .float(Tensor(unchecked: [], [a.f])) }
        if let a = node.attributes["value_floats"] { return .float(Tensor(unchecked: [a.floats.count], a.floats)) }
        if let a = node.attributes["value_int"] { return .int64(IndexTensor(shape: [], values: [a.i])) }
        if let a = node.attributes["value_ints"] { return .int64(IndexTensor(shape: [a.ints.count], values: a.ints)) }
        throw InferenceError.unsupported(node, "Constant without value")
    }
}
