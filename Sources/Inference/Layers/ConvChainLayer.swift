// Two convs where the first is tiny (a stem over one grey channel) and only the second reads its output:
// the vector kernel computes the first's output rows straight into the second's bands, so that output
// (12 full-resolution channels for the bundled model, 40 MB per exam) is never written out and read back.
// GraphOptimizer.chain forms it only where a vector kernel runs; elsewhere it runs the two convs in turn.

struct ConvChainLayer: Layer {
    var node: NodeInfo
    /// The tiny conv (its batch-norm, activation fused already; no residual).
    var first: ConvLayer
    /// The conv that reads it, with whatever GraphOptimizer fused into it (residual: node input 1).
    var second: ConvLayer

    /// Whether `first` may feed `second` as a chain: attributes only (shapes are checked when run).
    static func chains(_ first: ConvLayer, into second: ConvLayer) -> Bool {
        !first.hasResidual && first.groups == 1 && second.groups == 1 && first.window.strides[1] == 1
            && first.weights.count / first.outChannels <= 64
    }

    init(first: ConvLayer, second: ConvLayer) {
        self.first = first
        self.second = second
        node = second.node
        node.name = first.node.name + "+" + second.node.name
        node.inputs = [first.node.inputs[0]] + second.node.inputs.dropFirst()
    }

    /// The first conv's output shape [N, M1, OH1, OW1]: the second's input.
    private func middleShape(_ input: [Int]) throws -> [Int] {
        let g = try first.geometry(input)
        return [g.batch, g.outChannels, g.outHeight, g.outWidth]
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let middle = PlannedValue(shape: try middleShape(try shapeOf(inputs, 0)), constant: nil)
        return try second.outputShape([middle] + inputs.dropFirst())
    }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let input = try floatInput(inputs, 0)                                    // [N, C1, H, W]
        let g1 = try first.geometry(input.shape)
        let g2 = try second.geometry([g1.batch, g1.outChannels, g1.outHeight, g1.outWidth])
        let residual = second.hasResidual ? try floatInput(inputs, 1) : nil    // [N, M, OH, OW]
        let variant = ConvKernelVariant.active
        if residual == nil || residual?.shape == output.shape, VectorConvKernel.chains(g1, into: g2) {
            let ran = input.data.withUnsafeBufferPointer { x in
                first.weights.withUnsafeBufferPointer { w1 in
                    second.weights.withUnsafeBufferPointer { w2 in
                        withOptionalPointer(first.bias) { b1 in
                            withOptionalPointer(second.bias) { b2 in
                                withOptionalPointer(residual?.data) { r in
                                    output.data.withUnsafeMutableBufferPointer { y in
                                        guard let x = x.baseAddress, let w1 = w1.baseAddress, let w2 = w2.baseAddress,
                                              let y = y.baseAddress else { return false }
                                        let prologue = VectorConvKernel.Prologue(geometry: g1, weights: w1, bias: b1, activation: first.activation)
                                        return VectorConvKernel.convolve(
                                            input: x, weights: w2, bias: b2, residual: r, output: y, geometry: g2,
                                            activation: second.activation, variant: variant, scratch: &context.scratch, prologue: prologue)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if ran { return }
        }
        // No vector kernel (or a shape it does not chain): the two convs in turn, through a temporary.
        var middle = Tensor(shape: try middleShape(input.shape))
        try first.run([.float(input)], output: &middle, context: &context)
        try second.run([.float(middle)] + inputs.dropFirst(), output: &output, context: &context)
    }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int {
        guard let shape = inputs.first, let middle = try? middleShape(shape) else { return 0 }
        return first.flops([shape], output: middle) + second.flops([middle] + inputs.dropFirst(), output: output)
    }
}
