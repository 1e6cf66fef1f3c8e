// Ops that only change a shape — Reshape (0 and -1), Flatten, Squeeze, Unsqueeze, Identity: the output
// shares the input's storage. On int64 constants (shape arithmetic) they fold at plan time.

struct ViewLayer: Layer {
    enum Kind: Sendable { case reshape, flatten, squeeze, unsqueeze, identity }

    var node: NodeInfo
    var kind: Kind

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        self.node = node
        switch node.opType {
        case "Reshape": kind = .reshape; try node.requireOnly(["allowzero"])
        case "Flatten": kind = .flatten; try node.requireOnly(["axis"])
        case "Squeeze": kind = .squeeze; try node.requireOnly([])
        case "Unsqueeze": kind = .unsqueeze; try node.requireOnly([])
        case "Identity": kind = .identity; try node.requireOnly([])
        default: throw InferenceError.unsupported(node, "op")
        }
        if node.int("allowzero", default: 0) != 0 { throw InferenceError.unsupported(node, "allowzero=1") }
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let shape = try shapeOf(inputs, 0)
        switch kind {
        case .identity:
            return shape
        case .flatten:
            let a = try axis(node.int("axis", default: 1), rank: shape.count + 1)
            return [shape[..<a].reduce(1, *), shape[a...].reduce(1, *)]
        case .reshape:
            guard let target = try constantInts(inputs, 1) else { throw InferenceError.invalid(node, "the shape input is missing") }
            return try reshaped(shape, to: target)
        case .squeeze:
            let axes = try (constantInts(inputs, 1) ?? shape.indices.filter { shape[$0] == 1 }).map { try axis($0, rank: shape.count) }
            for a in axes where shape[a] != 1 { throw InferenceError.invalid(node, "cannot squeeze axis \(a) of size \(shape[a])") }
            return shape.indices.filter { !axes.contains($0) }.map { shape[$0] }
        case .unsqueeze:
            guard let rawAxes = try constantInts(inputs, 1) else { throw InferenceError.invalid(node, "the axes input is missing") }
            let rank = shape.count + rawAxes.count
            let axes = Set(try rawAxes.map { try axis($0, rank: rank) })
            var rest = shape.makeIterator()
            return (0..<rank).map { axes.contains($0) ? 1 : (rest.next() ?? 1) }
        }
    }

    /// Reshape's target: 0 copies the input's dimension, one -1 takes what is left.
    private func reshaped(_ shape: [Int], to target: [Int]) throws -> [Int] {
        var out = target.enumerated().map { index, dim in dim == 0 && index < shape.count ? shape[index] : dim }
        let known = out.filter { $0 != -1 }.reduce(1, *)
        let unknown = out.indices.filter { out[$0] == -1 }
        guard unknown.count <= 1, out.allSatisfy({ $0 >= -1 }) else { throw InferenceError.invalid(node, "bad target shape \(target)") }
        if let index = unknown.first {
            guard known > 0, shape.elementCount % known == 0 else { throw InferenceError.invalid(node, "cannot reshape \(shape) to \(target)") }
            out[index] = shape.elementCount / known
        }
        guard out.elementCount == shape.elementCount else { throw InferenceError.invalid(node, "cannot reshape \(shape) to \(target)") }
        return out
    }

    func fold(_ inputs: [PlannedValue?]) throws -> GraphValue? {
        guard let input = inputs.first??.constant else { return nil }
        let shape = try outputShape(inputs)
        switch input {
        case .float(let t): return .float(Tensor(unchecked: shape, t.data))
        case .int64(let t): return .int64(IndexTensor(shape: shape, values: t.values))
        }
    }

    func aliasesInput(_ options: RunOptions) -> Bool { true }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        // The executor aliases instead of calling this; kept for completeness (plan-time folding).
        output.data = try floatInput(inputs, 0).data
    }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int { 0 }
}
