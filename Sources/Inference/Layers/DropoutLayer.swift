// Dropout: identity for ordinary inference; with Monte-Carlo dropout, each value is kept with
// probability 1 - ratio and scaled by 1 / (1 - ratio) (inverted dropout, as in training).

struct DropoutLayer: Layer {
    var node: NodeInfo
    var ratio: Float

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        try node.requireOnly(["seed"])
        guard node.outputs.count == 1 || node.outputs[1].isEmpty else { throw InferenceError.unsupported(node, "mask output") }
        // Opset 12+: ratio is input 1 (default 0.5); training_mode (input 2) is ignored: the caller decides.
        if let name = node.input(1) {
            guard let value = constants[name], let r = value.floats.first else {
                throw InferenceError.unsupported(node, "a ratio that is not a constant")
            }
            ratio = r
        } else {
            ratio = 0.5
        }
        guard ratio >= 0, ratio < 1 else { throw InferenceError.invalid(node, "ratio \(ratio) outside [0, 1)") }
        self.node = node
        self.node.inputs = [node.inputs[0]]
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] { try shapeOf(inputs, 0) }

    func aliasesInput(_ options: RunOptions) -> Bool { !options.monteCarloDropout }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let input = try floatInput(inputs, 0)
        guard var random = context.random else {
            output.data = input.data
            return
        }
        let scale = 1 / (1 - ratio)
        for i in 0..<input.count {
            output.data[i] = random.nextUnitFloat() < ratio ? 0 : input.data[i] * scale
        }
        context.random = random
    }
}
