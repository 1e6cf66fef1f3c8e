// An int64 tensor: the shapes, axes and indices that exporters compute inside a graph (Shape → Gather →
// Concat → Reshape). Only ever a constant here: the planner evaluates these at plan time.

struct IndexTensor: Equatable, Sendable {
    var shape: [Int]
    var values: [Int64]
}

/// A value in the graph: float32 activations and weights, or int64 shape arithmetic.
enum GraphValue: Equatable, Sendable {
    case float(Tensor)
    case int64(IndexTensor)

    var shape: [Int] {
        switch self {
        case .float(let tensor): tensor.shape
        case .int64(let tensor): tensor.shape
        }
    }

    var isFloat: Bool {
        if case .float = self { return true }
        return false
    }
}
