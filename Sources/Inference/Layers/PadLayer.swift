// Pad (opset 13: pads and constant_value as inputs) in constant, reflect or edge mode.

struct PadLayer: Layer {
    var node: NodeInfo
    var mode: String

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        try node.requireOnly(["mode"])
        mode = node.string("mode", default: "constant")
        guard ["constant", "reflect", "edge"].contains(mode) else { throw InferenceError.unsupported(node, "mode '\(mode)'") }
        if node.input(3) != nil { throw InferenceError.unsupported(node, "axes input") }
        self.node = node
    }

    func pads(_ inputs: [PlannedValue?], rank: Int) throws -> [Int] {
        guard let pads = try constantInts(inputs, 1), pads.count == 2 * rank else {
            throw InferenceError.invalid(node, "pads must hold 2 x \(rank) values")
        }
        return pads
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let shape = try shapeOf(inputs, 0)
        let pads = try pads(inputs, rank: shape.count)
        let out = shape.indices.map { shape[$0] + pads[$0] + pads[$0 + shape.count] }
        guard out.allSatisfy({ $0 >= 0 }) else { throw InferenceError.invalid(node, "negative output shape \(out)") }
        if mode == "reflect", shape.indices.contains(where: { max(pads[$0], pads[$0 + shape.count]) >= shape[$0] }) {
            throw InferenceError.unsupported(node, "reflect padding as large as the dimension")
        }
        return out
    }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let input = try floatInput(inputs, 0)
        let shape = input.shape, outShape = output.shape, rank = shape.count
        let planned = inputs.map { $0.map { PlannedValue(shape: $0.shape, constant: $0) } }
        let pads = try pads(planned, rank: rank)
        let fill = inputs.count > 2 ? (inputs[2]?.floats.first ?? 0) : 0
        let inStrides = shape.rowMajorStrides
        for flat in 0..<output.count {
            var rest = flat, source = 0, inside = true
            for axis in stride(from: rank - 1, through: 0, by: -1) {
                var i = rest % outShape[axis] - pads[axis]
                rest /= outShape[axis]
                let n = shape[axis]
                if i < 0 || i >= n {
                    switch mode {
                    case "edge": i = min(max(i, 0), n - 1)
                    case "reflect": i = i < 0 ? -i : 2 * (n - 1) - i
                    default: inside = false
                    }
                }
                source += i * inStrides[axis]
            }
            output.data[flat] = inside ? input.data[source] : fill
        }
    }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int { 0 }
}
