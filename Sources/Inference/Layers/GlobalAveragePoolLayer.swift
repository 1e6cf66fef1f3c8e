// GlobalAveragePool: [N, C, H, W] → [N, C, 1, 1] (any number of spatial axes).

struct GlobalAveragePoolLayer: Layer {
    var node: NodeInfo

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        try node.requireOnly([])
        self.node = node
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let shape = try shapeOf(inputs, 0)
        guard shape.count >= 3 else { throw InferenceError.invalid(node, "input of rank \(shape.count), expected [N, C, spatial...]") }
        return [shape[0], shape[1]] + Array(repeating: 1, count: shape.count - 2)
    }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let input = try floatInput(inputs, 0)
        let planes = input.shape[0] * input.shape[1]
        let plane = input.count / max(planes, 1)
        input.data.withUnsafeBufferPointer { x in
            for p in 0..<planes {
                var sum: Float = 0
                for i in 0..<plane { sum += x[p * plane + i] }
                output.data[p] = sum / Float(plane)
            }
        }
    }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int { inputs.first?.elementCount ?? 0 }
}
