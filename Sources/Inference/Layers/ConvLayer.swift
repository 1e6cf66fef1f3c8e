// Conv (2-D, groups, dilations, strides, pads, auto_pad), with batch-norm folded into its weights and a
// residual Add and activation fused into its epilogue by GraphOptimizer.

struct ConvLayer: Layer {
    var node: NodeInfo
    var window: SlidingWindow
    var groups: Int
    var outChannels: Int
    /// [M, C/groups, kH, kW]
    var weights: [Float]
    /// [M], or nil
    var bias: [Float]?
    var activation: Activation = .none
    /// Set once GraphOptimizer has fused an Add: node input 1 is then the residual [N, M, OH, OW].
    var hasResidual = false

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        try node.requireOnly(["auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"])
        guard let weightName = node.input(1), case .float(let w)? = constants[weightName] else {
            throw InferenceError.unsupported(node, "weights that are not a constant initializer")
        }
        guard w.rank == 4 else { throw InferenceError.unsupported(node, "\(w.rank - 2)-D convolution (only 2-D)") }
        let kernel = node.ints("kernel_shape") ?? Array(w.shape[2...])
        guard kernel == Array(w.shape[2...]) else { throw InferenceError.invalid(node, "kernel_shape \(kernel) differs from weights \(w.shape)") }
        window = try SlidingWindow(node, kernel: kernel)
        groups = node.int("group", default: 1)
        outChannels = w.shape[0]
        guard groups > 0, outChannels % groups == 0 else { throw InferenceError.invalid(node, "group \(groups) does not divide \(outChannels) output channels") }
        weights = w.data
        if let biasName = node.input(2) {
            guard case .float(let b)? = constants[biasName], b.count == outChannels else {
                throw InferenceError.unsupported(node, "bias that is not a constant of \(outChannels) values")
            }
            bias = b.data
        }
        self.node = node
        self.node.inputs = [node.inputs[0]]
    }

    var weightShape: [Int] { [outChannels, weights.count / (outChannels * window.kernel[0] * window.kernel[1]), window.kernel[0], window.kernel[1]] }

    func geometry(_ input: [Int]) throws -> ConvGeometry {
        guard input.count == 4 else { throw InferenceError.invalid(node, "input of rank \(input.count), expected [N, C, H, W]") }
        let inPerGroup = weightShape[1]
        guard input[1] == inPerGroup * groups else {
            throw InferenceError.invalid(node, "input has \(input[1]) channels, weights expect \(inPerGroup) x \(groups) groups")
        }
        let (oh, top, _) = window.resolve(axis: 0, size: input[2])
        let (ow, left, _) = window.resolve(axis: 1, size: input[3])
        return ConvGeometry(
            batch: input[0], inChannels: input[1], inHeight: input[2], inWidth: input[3],
            outChannels: outChannels, kernelHeight: window.kernel[0], kernelWidth: window.kernel[1],
            strideH: window.strides[0], strideW: window.strides[1],
            dilationH: window.dilations[0], dilationW: window.dilations[1],
            padTop: top, padLeft: left, outHeight: oh, outWidth: ow, groups: groups
        )
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let g = try geometry(try shapeOf(inputs, 0))
        let shape = [g.batch, g.outChannels, g.outHeight, g.outWidth]
        if hasResidual, BroadcastShape.of(shape, try shapeOf(inputs, 1)) != shape {
            throw InferenceError.invalid(node, "fused Add operand of shape \(try shapeOf(inputs, 1)) does not broadcast to \(shape)")
        }
        return shape
    }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let input = try floatInput(inputs, 0)                     // [N, C, H, W]
        let residual = hasResidual ? try floatInput(inputs, 1) : nil // [N, M, OH, OW] or broadcastable to it
        let g = try geometry(input.shape)
        // A residual that broadcasts (rare) takes the slow path: conv, then a broadcast Add, then the activation.
        let accumulated = residual?.shape == output.shape ? residual : nil
        let epilogueActivation = residual != nil && accumulated == nil ? Activation.none : activation
        input.data.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                output.data.withUnsafeMutableBufferPointer { y in
                    withOptionalPointer(bias) { b in
                        withOptionalPointer(accumulated?.data) { r in
                            guard let x = x.baseAddress, let w = w.baseAddress, let y = y.baseAddress else { return }
                            Self.convolve(input: x, weights: w, bias: b, residual: r, output: y, geometry: g,
                                          activation: epilogueActivation, variant: ConvKernelVariant.active,
                                          scratch: &context.scratch)
                        }
                    }
                }
            }
        }
        if let residual, accumulated == nil {
            let convolved = output
            let shape = output.shape
            convolved.data.withUnsafeBufferPointer { a in
                residual.data.withUnsafeBufferPointer { b in
                    output.data.withUnsafeMutableBufferPointer { y in
                        guard let a = a.baseAddress, let b = b.baseAddress, let y = y.baseAddress else { return }
                        BroadcastKernel.apply(.add, a: a, aShape: shape, b: b, bShape: residual.shape, out: y, outShape: shape)
                    }
                }
            }
            activation.apply(&output)
        }
    }

    /// The kernel for one conv: the vector kernel of `variant` where the CPU has it (every shape, no column
    /// matrix), else the direct loops for tiny patches or im2col + sgemm. Pointers as in ConvKernel.convolve.
    static func convolve(
        input x: UnsafePointer<Float>, weights w: UnsafePointer<Float>, bias b: UnsafePointer<Float>?,
        residual r: UnsafePointer<Float>?, output y: UnsafeMutablePointer<Float>, geometry g: ConvGeometry,
        activation: Activation, variant: ConvKernelVariant, scratch: inout [Float]
    ) {
        if VectorConvKernel.convolve(input: x, weights: w, bias: b, residual: r, output: y, geometry: g,
                                     activation: activation, variant: variant, scratch: &scratch) {
            return
        }
        if DirectConvKernel.applies(to: g) {
            // Few taps per output (a stem over one channel): direct loops beat im2col + sgemm.
            let packed = DirectConvKernel.packWeights(w, outChannels: g.outChannels, patchSize: g.patchSize)
            packed.withUnsafeBufferPointer { p in
                guard let p = p.baseAddress else { return }
                DirectConvKernel.convolve(input: x, packedWeights: p, bias: b, residual: r, output: y,
                                          geometry: g, activation: activation, scratch: &scratch)
            }
        } else {
            ConvKernel.convolve(input: x, weights: w, bias: b, residual: r, output: y,
                                geometry: g, activation: activation, scratch: &scratch)
        }
    }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int {
        guard let shape = inputs.first, let g = try? geometry(shape) else { return 0 }
        return 2 * g.multiplyAdds
    }

    /// Folds an inference BatchNormalization that follows this conv: W' = W * s, b' = (b - mean) * s + beta,
    /// s = gamma / sqrt(var + epsilon), per output channel.
    func folding(_ norm: BatchNormLayer) throws -> ConvLayer {
        guard norm.scale.count == outChannels else {
            throw InferenceError.invalid(norm.node, "batch norm over \(norm.scale.count) channels after a conv with \(outChannels)")
        }
        var folded = self
        let perChannel = weights.count / outChannels
        var newBias = [Float](repeating: 0, count: outChannels)
        for m in 0..<outChannels {
            let s = norm.scale[m]
            for i in 0..<perChannel { folded.weights[m * perChannel + i] *= s }
            newBias[m] = (bias?[m] ?? 0) * s + norm.shift[m]
        }
        folded.bias = newBias
        return folded
    }
}

/// Calls `body` with the array's base address, or nil for a nil array.
func withOptionalPointer<R>(_ array: [Float]?, _ body: (UnsafePointer<Float>?) throws -> R) rethrows -> R {
    guard let array else { return try body(nil) }
    return try array.withUnsafeBufferPointer { try body($0.baseAddress) }
}
