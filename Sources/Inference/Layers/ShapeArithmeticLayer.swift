// Shape, Gather and Cast: the shape arithmetic exporters put in front of Reshape (x.view(x.size(0), -1)).
// All fold at plan time; Gather on float activations also runs (axis gather).

struct ShapeArithmeticLayer: Layer {
    enum Kind: Sendable { case shape, gather, cast }

    var node: NodeInfo
    var kind: Kind

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        self.node = node
        switch node.opType {
        case "Shape":
            kind = .shape
            try node.requireOnly(["start", "end"])
        case "Gather":
            kind = .gather
            try node.requireOnly(["axis"])
        case "Cast":
            kind = .cast
            try node.requireOnly(["to", "saturate"])
            let to = Int32(node.int("to", default: 0))
            guard [TensorProtoDecoding.float32, TensorProtoDecoding.int64, TensorProtoDecoding.int32].contains(to) else {
                throw InferenceError.unsupported(node, "cast to \(TensorProtoDecoding.typeName(to))")
            }
        default:
            throw InferenceError.unsupported(node, "op")
        }
    }

    private func shapeRange(rank: Int) -> Range<Int> {
        let clamp = { (v: Int) in min(max(v < 0 ? v + rank : v, 0), rank) }
        let start = clamp(node.int("start", default: 0)), end = clamp(node.int("end", default: rank))
        return start..<max(start, end)
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let shape = try shapeOf(inputs, 0)
        switch kind {
        case .shape: return [shapeRange(rank: shape.count).count]
        case .cast: return shape
        case .gather:
            let a = try axis(node.int("axis", default: 0), rank: shape.count)
            return Array(shape[..<a]) + (try shapeOf(inputs, 1)) + Array(shape[(a + 1)...])
        }
    }

    func fold(_ inputs: [PlannedValue?]) throws -> GraphValue? {
        guard let first = inputs.first ?? nil else { return nil }
        switch kind {
        case .shape:
            // Needs only the (static) shape, not the values: this is what makes Reshape targets constant.
            let dims = Array(first.shape[shapeRange(rank: first.shape.count)])
            return .int64(IndexTensor(shape: [dims.count], values: dims.map(Int64.init)))
        case .cast:
            guard let value = first.constant else { return nil }
            let to = Int32(node.int("to", default: 0))
            if to == TensorProtoDecoding.float32 { return .float(Tensor(unchecked: value.shape, value.floats)) }
            return .int64(IndexTensor(shape: value.shape, values: value.floats.map { Int64($0) }))
        case .gather:
            guard let data = first.constant, let indices = try constantInts(inputs, 1) else { return nil }
            let shape = try outputShape(inputs)
            switch data {
            case .int64(let t): return .int64(IndexTensor(shape: shape, values: try gather(t.values, shape: t.shape, indices)))
            case .float(let t): return .float(Tensor(unchecked: shape, try gather(t.data, shape: t.shape, indices)))
            }
        }
    }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let input = try floatInput(inputs, 0)
        switch kind {
        case .cast:
            output.data = input.data
        case .gather:
            guard let indices = inputs.count > 1 ? inputs[1]?.floats.map({ Int($0) }) : nil else {
                throw InferenceError.invalid(node, "indices are missing")
            }
            output.data = try gather(input.data, shape: input.shape, indices)
        case .shape:
            throw InferenceError.invalid(node, "Shape is evaluated when planning")
        }
    }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int { 0 }

    /// Takes slices along `axis`: out[outer, index, inner] = data[outer, indices[index], inner].
    private func gather<T>(_ values: [T], shape: [Int], _ indices: [Int]) throws -> [T] {
        let a = try axis(node.int("axis", default: 0), rank: shape.count)
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *), n = shape[a]
        var out: [T] = []
        out.reserveCapacity(outer * indices.count * inner)
        for o in 0..<outer {
            for raw in indices {
                let i = raw < 0 ? raw + n : raw
                guard i >= 0, i < n else { throw InferenceError.invalid(node, "index \(raw) out of range for size \(n)") }
                let start = (o * n + i) * inner
                out.append(contentsOf: values[start..<(start + inner)])
            }
        }
        return out
    }
}
