// Concat along one axis, of float activations or (folded at plan time) int64 shape pieces.

struct ConcatLayer: Layer {
    var node: NodeInfo

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        try node.requireOnly(["axis"])
        guard node.attributes["axis"] != nil else { throw InferenceError.invalid(node, "axis is required") }
        self.node = node
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let shapes = try inputs.indices.map { try shapeOf(inputs, $0) }
        guard var out = shapes.first else { throw InferenceError.invalid(node, "no inputs") }
        let a = try axis(node.int("axis", default: 0), rank: out.count)
        for shape in shapes.dropFirst() {
            guard shape.count == out.count, shape.indices.allSatisfy({ $0 == a || shape[$0] == out[$0] }) else {
                throw InferenceError.invalid(node, "inputs \(shapes) differ outside axis \(a)")
            }
            out[a] += shape[a]
        }
        return out
    }

    func fold(_ inputs: [PlannedValue?]) throws -> GraphValue? {
        let constants = inputs.compactMap { $0?.constant }
        guard constants.count == inputs.count else { return nil }
        let shape = try outputShape(inputs)
        let a = try axis(node.int("axis", default: 0), rank: shape.count)
        if constants.allSatisfy(\.isFloat) {
            let tensors = constants.compactMap { if case .float(let t) = $0 { t } else { nil } }
            return .float(Tensor(unchecked: shape, concatenate(tensors.map { ($0.data, $0.shape) }, axis: a)))
        }
        let parts: [([Int64], [Int])] = try constants.map {
            guard case .int64(let t) = $0 else { throw InferenceError.unsupported(node, "mixing float and int64 inputs") }
            return (t.values, t.shape)
        }
        return .int64(IndexTensor(shape: shape, values: concatenate(parts, axis: a)))
    }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let tensors = try inputs.indices.map { try floatInput(inputs, $0) }
        let a = try axis(node.int("axis", default: 0), rank: output.rank)
        output.data = concatenate(tensors.map { ($0.data, $0.shape) }, axis: a, into: output.data)
    }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int { 0 }

    /// Copies block by block: each input contributes shape[axis...] values per outer index.
    private func concatenate<T>(_ parts: [([T], [Int])], axis: Int, into buffer: [T]? = nil) -> [T] {
        var out = buffer ?? []
        out.removeAll(keepingCapacity: true)
        let outer = parts.first.map { $0.1[..<axis].reduce(1, *) } ?? 0
        for o in 0..<outer {
            for (values, shape) in parts {
                let block = shape[axis...].reduce(1, *)
                out.append(contentsOf: values[(o * block)..<((o + 1) * block)])
            }
        }
        return out
    }
}
