// Transpose by a permutation (default: reverse the axes).

struct TransposeLayer: Layer {
    var node: NodeInfo

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        try node.requireOnly(["perm"])
        self.node = node
    }

    func permutation(rank: Int) throws -> [Int] {
        let perm = node.ints("perm") ?? Array((0..<rank).reversed())
        guard perm.sorted() == Array(0..<rank) else { throw InferenceError.invalid(node, "perm \(perm) is not a permutation of \(rank) axes") }
        return perm
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let shape = try shapeOf(inputs, 0)
        return try permutation(rank: shape.count).map { shape[$0] }
    }

    func fold(_ inputs: [PlannedValue?]) throws -> GraphValue? {
        guard case .int64(let t)? = inputs.first??.constant else {
            guard inputs.first??.constant?.isFloat == true else { return nil }
            var output = Tensor(shape: try outputShape(inputs))
            var context = RunContext(options: RunOptions())
            try run(inputs.map { $0?.constant }, output: &output, context: &context)
            return .float(output)
        }
        return .int64(IndexTensor(shape: try outputShape(inputs), values: try transpose(t.values, shape: t.shape)))
    }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let input = try floatInput(inputs, 0)
        output.data = try transpose(input.data, shape: input.shape)
    }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int { 0 }

    private func transpose<T>(_ values: [T], shape: [Int]) throws -> [T] {
        let perm = try permutation(rank: shape.count)
        let outShape = perm.map { shape[$0] }
        let inStrides = shape.rowMajorStrides
        let sourceStrides = perm.map { inStrides[$0] } // stride in the input for each output axis
        var out: [T] = []
        out.reserveCapacity(values.count)
        var index = [Int](repeating: 0, count: shape.count)
        var offset = 0
        for _ in 0..<values.count {
            out.append(values[offset])
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                offset += sourceStrides[axis]
                if index[axis] < outShape[axis] { break }
                offset -= sourceStrides[axis] * outShape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return out
    }
}
