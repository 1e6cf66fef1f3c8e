// Relu, LeakyRelu, Sigmoid and Clip as standalone nodes (when not fused into a Conv or Gemm).

struct ActivationLayer: Layer {
    var node: NodeInfo
    var activation: Activation

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        self.node = node
        switch node.opType {
        case "Relu":
            try node.requireOnly([])
            activation = .relu
        case "LeakyRelu":
            try node.requireOnly(["alpha"])
            activation = .leakyRelu(alpha: node.float("alpha", default: 0.01))
        case "Sigmoid":
            try node.requireOnly([])
            activation = .sigmoid
        case "Clip":
            // Opset 11+: min and max are optional inputs. They must be constants so Conv can fuse them.
            try node.requireOnly([])
            var bounds: [Float] = [-.infinity, .infinity]
            for index in 1...2 {
                guard let name = node.input(index) else { continue }
                guard let value = constants[name], value.shape.elementCount == 1, let bound = value.floats.first else {
                    throw InferenceError.unsupported(node, "min/max input \(index) that is not a constant scalar")
                }
                bounds[index - 1] = bound
            }
            activation = .clip(min: bounds[0], max: bounds[1])
            self.node.inputs = [node.inputs[0]]
        default:
            throw InferenceError.unsupported(node, "op")
        }
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] { try shapeOf(inputs, 0) }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let input = try floatInput(inputs, 0)
        let count = input.count
        output.data.withUnsafeMutableBufferPointer { y in
            guard let y = y.baseAddress else { return }
            input.data.withUnsafeBufferPointer { x in
                guard let x = x.baseAddress else { return }
                y.update(from: x, count: count)
            }
            activation.apply(y, count: count)
        }
    }
}
