// Load-time rewrites that save passes over memory: BatchNormalization folded into the Conv before it,
// a residual Add accumulated in the Conv's sgemm, and Relu/LeakyRelu/Clip/Sigmoid applied in the Conv's
// (or Gemm's) epilogue, and a tiny conv computed inside the next conv's bands (ConvChainLayer) — each only
// when the intermediate value has no other consumer.

enum GraphOptimizer {
    static func fuse(_ input: [any Layer], graphOutputs: Set<String>) -> [any Layer] {
        var layers = input
        var changed = true
        while changed {
            changed = false
            let consumers = consumerIndices(layers, graphOutputs: graphOutputs)
            for (index, layer) in layers.enumerated() {
                guard let output = layer.node.outputs.first, let users = consumers[output], users.count == 1,
                      let userIndex = users.first, userIndex >= 0 else { continue }
                if let fused = fuse(layer, into: layers[userIndex], output: output) {
                    layers[index] = fused
                    layers.remove(at: userIndex)
                    changed = true
                    break // indices moved: recount
                }
            }
        }
        return chain(layers, graphOutputs: graphOutputs)
    }

    /// After the fusions above: a tiny conv whose output only the next conv reads (as its input, not its
    /// residual) becomes a ConvChainLayer, where a vector kernel runs (it computes the tiny conv per band).
    private static func chain(_ input: [any Layer], graphOutputs: Set<String>) -> [any Layer] {
        guard ConvKernelVariant.active != .openBLAS else { return input }
        var layers = input
        var changed = true
        while changed {
            changed = false
            let consumers = consumerIndices(layers, graphOutputs: graphOutputs)
            for (index, layer) in layers.enumerated() {
                guard let first = layer as? ConvLayer, let output = first.node.outputs.first, let users = consumers[output],
                      users.count == 1, let userIndex = users.first, userIndex >= 0,
                      let second = layers[userIndex] as? ConvLayer, second.node.inputs.first == output,
                      !second.node.inputs.dropFirst().contains(output), ConvChainLayer.chains(first, into: second) else { continue }
                layers[index] = ConvChainLayer(first: first, second: second)
                layers.remove(at: userIndex)
                changed = true
                break // indices moved: recount
            }
        }
        return layers
    }

    /// `producer` followed by its only consumer `user`, as one layer; nil when they don't combine.
    private static func fuse(_ producer: any Layer, into user: any Layer, output: String) -> (any Layer)? {
        if var conv = producer as? ConvLayer {
            if let norm = user as? BatchNormLayer, conv.activation == .none, !conv.hasResidual,
               var folded = try? conv.folding(norm) {
                folded.node.outputs = norm.node.outputs
                return folded
            }
            if let add = user as? BinaryLayer, add.op == .add, conv.activation == .none, !conv.hasResidual,
               add.node.inputs.count == 2, add.node.inputs[0] != add.node.inputs[1] {
                let other = add.node.inputs[0] == output ? add.node.inputs[1] : add.node.inputs[0]
                conv.hasResidual = true
                conv.node.inputs = [conv.node.inputs[0], other]
                conv.node.outputs = add.node.outputs
                conv.node.name += "+" + add.node.name
                return conv
            }
            if let activation = user as? ActivationLayer, conv.activation == .none {
                conv.activation = activation.activation
                conv.node.outputs = activation.node.outputs
                return conv
            }
        }
        if var gemm = producer as? GemmLayer, let activation = user as? ActivationLayer, gemm.activation == .none {
            gemm.activation = activation.activation
            gemm.node.outputs = activation.node.outputs
            return gemm
        }
        return nil
    }

    /// For each value name, the indices of the layers reading it; graph outputs count as an extra reader.
    private static func consumerIndices(_ layers: [any Layer], graphOutputs: Set<String>) -> [String: [Int]] {
        var consumers: [String: [Int]] = [:]
        for (index, layer) in layers.enumerated() {
            for name in Set(layer.node.inputs) where !name.isEmpty { consumers[name, default: []].append(index) }
        }
        for name in graphOutputs { consumers[name, default: []].append(-1) }
        return consumers
    }
}
