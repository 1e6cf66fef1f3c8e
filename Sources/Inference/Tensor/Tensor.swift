// A dense float32 tensor in row-major (C) order: the values that flow through a graph.

public struct Tensor: Equatable, Sendable {
    /// Dimensions, outermost first, e.g. [N, C, H, W]. A scalar has shape [].
    public var shape: [Int]
    /// shape.product() values, contiguous, last dimension fastest.
    public var data: [Float]

    /// Fails when the data's length does not match the shape.
    public init(shape: [Int], data: [Float]) throws {
        guard shape.allSatisfy({ $0 >= 0 }), shape.elementCount == data.count else {
            throw InferenceError(reason: "tensor of shape \(shape) needs \(shape.elementCount) values, got \(data.count)")
        }
        self.shape = shape
        self.data = data
    }

    /// A tensor of zeros (or `value`).
    public init(shape: [Int], repeating value: Float = 0) {
        self.shape = shape
        self.data = [Float](repeating: value, count: shape.elementCount)
    }

    /// Internal: callers guarantee data.count == shape.elementCount.
    init(unchecked shape: [Int], _ data: [Float]) {
        self.shape = shape
        self.data = data
    }

    public var count: Int { data.count }
    public var rank: Int { shape.count }
}

extension Array where Element == Int {
    /// The number of elements a tensor of this shape holds (1 for a scalar).
    var elementCount: Int { reduce(1, *) }

    /// Row-major strides: strides[i] = product of the dimensions after i.
    var rowMajorStrides: [Int] {
        var strides = [Int](repeating: 1, count: count)
        var running = 1
        for axis in stride(from: count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= self[axis]
        }
        return strides
    }
}
