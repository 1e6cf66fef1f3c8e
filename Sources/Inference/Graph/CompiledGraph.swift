// A model's graph turned into layers in topological order, with constants gathered and (optionally)
// Conv + BatchNormalization + Add + activation fused by GraphOptimizer.

struct CompiledGraph: Sendable {
    var constants: [String: GraphValue]
    var layers: [any Layer]
    var inputNames: [String]
    var outputNames: [String]

    init(model: OnnxModel, optimize: Bool = true) throws {
        var constants = model.initializers
        var layers: [any Layer] = []
        for node in model.nodes {
            if node.opType == "Constant", LayerFactory.isDefaultDomain(node) {
                guard let output = node.outputs.first else { continue }
                constants[output] = try LayerFactory.constantValue(node)
                continue
            }
            layers.append(try LayerFactory.make(node, constants: constants))
        }
        for layer in layers where layer.node.outputs.dropFirst().contains(where: { !$0.isEmpty }) {
            throw InferenceError.unsupported(layer.node, "more than one output")
        }
        self.constants = constants
        inputNames = model.inputs.map(\.name)
        outputNames = model.outputs.map(\.name)
        if optimize {
            layers = GraphOptimizer.fuse(layers, graphOutputs: Set(outputNames))
        }
        self.layers = try Self.topologicalOrder(layers, available: Set(inputNames).union(constants.keys))
    }

    /// Kahn's algorithm: a node runs once all its inputs exist. ONNX requires sorted graphs, but the
    /// optimizer's rewiring (a residual moved into a Conv) may need a reorder.
    static func topologicalOrder(_ layers: [any Layer], available: Set<String>) throws -> [any Layer] {
        var ready = available
        var pending = layers
        var ordered: [any Layer] = []
        while !pending.isEmpty {
            let before = pending.count
            var rest: [any Layer] = []
            for layer in pending {
                if layer.node.inputs.allSatisfy({ $0.isEmpty || ready.contains($0) }) {
                    ordered.append(layer)
                    ready.formUnion(layer.node.outputs.filter { !$0.isEmpty })
                } else {
                    rest.append(layer)
                }
            }
            pending = rest
            if pending.count == before, let stuck = pending.first {
                let missing = stuck.node.inputs.first { !$0.isEmpty && !ready.contains($0) } ?? "?"
                throw InferenceError.invalid(stuck.node, "input '\(missing)' is produced by no node (or by a cycle)")
            }
        }
        return ordered
    }
}
