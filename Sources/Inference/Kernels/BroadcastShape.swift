// Numpy-style (ONNX "multidirectional") broadcasting of two shapes.

enum BroadcastShape {
    /// The broadcast shape, or nil when a dimension pair is neither equal nor 1.
    static func of(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        let pa = Array(repeating: 1, count: rank - a.count) + a
        let pb = Array(repeating: 1, count: rank - b.count) + b
        var out: [Int] = []
        for (x, y) in zip(pa, pb) {
            guard x == y || x == 1 || y == 1 else { return nil }
            out.append(x == 1 ? y : x)
        }
        return out
    }

    /// Strides of `shape` read as a tensor of `outShape`: 0 along broadcast axes.
    static func strides(of shape: [Int], in outShape: [Int]) -> [Int] {
        let padded = Array(repeating: 1, count: outShape.count - shape.count) + shape
        let natural = padded.rowMajorStrides
        return zip(padded, natural).map { $0 == 1 ? 0 : $1 }
    }
}
