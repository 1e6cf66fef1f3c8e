// What every compiled op provides: static shape inference, plan-time folding, execution and a FLOP count.

/// A value as the planner knows it: always its shape, and its contents when constant.
struct PlannedValue: Sendable {
    var shape: [Int]
    var constant: GraphValue?
}

protocol Layer: Sendable {
    var node: NodeInfo { get }

    /// The output's shape from the inputs' shapes (and constant inputs such as Reshape's target).
    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int]

    /// Evaluates the node at plan time. The default runs float ops whose inputs are all constant;
    /// int64 shape arithmetic (Shape, Gather, Concat ...) overrides it.
    func fold(_ inputs: [PlannedValue?]) throws -> GraphValue?

    /// Writes the result into `output`, whose shape is already the planned one and whose contents are
    /// garbage left by an earlier value (kernels overwrite every element).
    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws

    /// True when the output is input 0's data under another shape (Reshape, Flatten ...): no copy.
    func aliasesInput(_ options: RunOptions) -> Bool

    /// Multiply-adds count as 2; elementwise ops as 1 per output element.
    func flops(_ inputs: [[Int]], output: [Int]) -> Int
}

extension Layer {
    func fold(_ inputs: [PlannedValue?]) throws -> GraphValue? {
        guard !inputs.isEmpty, inputs.allSatisfy({ $0 == nil || $0?.constant?.isFloat == true }) else { return nil }
        let shape = try outputShape(inputs)
        var output = Tensor(shape: shape)
        var context = RunContext(options: RunOptions())
        try run(inputs.map { $0?.constant }, output: &output, context: &context)
        return .float(output)
    }

    func aliasesInput(_ options: RunOptions) -> Bool { false }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int { output.elementCount }

    /// The float tensor at input `index`, or an error naming this node.
    func floatInput(_ inputs: [GraphValue?], _ index: Int) throws -> Tensor {
        guard index < inputs.count, let value = inputs[index] else {
            throw InferenceError.invalid(node, "input \(index) is missing")
        }
        guard case .float(let tensor) = value else {
            throw InferenceError.unsupported(node, "int64 input \(index) at run time (only float tensors flow at run time)")
        }
        return tensor
    }

    func shapeOf(_ inputs: [PlannedValue?], _ index: Int) throws -> [Int] {
        guard index < inputs.count, let value = inputs[index] else {
            throw InferenceError.invalid(node, "input \(index) is missing")
        }
        return value.shape
    }

    /// A constant int64 (or float, truncated) input such as axes, pads or a Reshape target.
    func constantInts(_ inputs: [PlannedValue?], _ index: Int) throws -> [Int]? {
        guard index < inputs.count, let value = inputs[index] else { return nil }
        switch value.constant {
        case .int64(let tensor)?: return tensor.values.map { Int($0) }
        case .float(let tensor)?: return tensor.data.map { Int($0) }
        case nil: throw InferenceError.unsupported(node, "input \(index) computed at run time (it must be constant or derived from shapes)")
        }
    }

    func constantFloats(_ inputs: [PlannedValue?], _ index: Int) throws -> [Float]? {
        guard index < inputs.count, let value = inputs[index] else { return nil }
        switch value.constant {
        case .float(let tensor)?: return tensor.data
        case .int64(let tensor)?: return tensor.values.map { Float($0) }
        case nil: throw InferenceError.unsupported(node, "input \(index) computed at run time (it must be constant)")
        }
    }

    /// Normalises a possibly negative axis against `rank`.
    func axis(_ value: Int, rank: Int) throws -> Int {
        let axis = value < 0 ? value + rank : value
        guard axis >= 0, axis < max(rank, 1) else { throw InferenceError.invalid(node, "axis \(value) out of range for rank \(rank)") }
        return axis
    }
}

/// Run-time values that a GraphValue input may hold, as floats (Clip bounds, Resize scales).
extension GraphValue {
    var floats: [Float] {
        switch self {
        case .float(let tensor): tensor.data
        case .int64(let tensor): tensor.values.map { Float($0) }
        }
    }
}
