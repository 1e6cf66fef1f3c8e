// Add, Sub, Mul and Div with numpy broadcasting; int64 operands (shape arithmetic) are folded at plan time.

struct BinaryLayer: Layer {
    var node: NodeInfo
    var op: BinaryOperator

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        try node.requireOnly([])
        self.node = node
        switch node.opType {
        case "Add": op = .add
        case "Sub": op = .subtract
        case "Mul": op = .multiply
        case "Div": op = .divide
        default: throw InferenceError.unsupported(node, "op")
        }
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let (a, b) = (try shapeOf(inputs, 0), try shapeOf(inputs, 1))
        guard let shape = BroadcastShape.of(a, b) else { throw InferenceError.invalid(node, "shapes \(a) and \(b) do not broadcast") }
        return shape
    }

    func fold(_ inputs: [PlannedValue?]) throws -> GraphValue? {
        guard inputs.count == 2, case .int64(let a)? = inputs[0]?.constant, case .int64(let b)? = inputs[1]?.constant else {
            guard inputs.allSatisfy({ $0?.constant?.isFloat == true }) else { return nil }
            var output = Tensor(shape: try outputShape(inputs))
            var context = RunContext(options: RunOptions())
            try run(inputs.map { $0?.constant }, output: &output, context: &context)
            return .float(output)
        }
        let shape = try outputShape(inputs)
        return .int64(IndexTensor(shape: shape, values: BroadcastReference.apply(a.values, a.shape, b.values, b.shape, outShape: shape, op.apply)))
    }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let (a, b) = (try floatInput(inputs, 0), try floatInput(inputs, 1))
        let outShape = output.shape
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                output.data.withUnsafeMutableBufferPointer { po in
                    guard let pa = pa.baseAddress, let pb = pb.baseAddress, let po = po.baseAddress else { return }
                    BroadcastKernel.apply(op, a: pa, aShape: a.shape, b: pb, bShape: b.shape, out: po, outShape: outShape)
                }
            }
        }
    }
}
