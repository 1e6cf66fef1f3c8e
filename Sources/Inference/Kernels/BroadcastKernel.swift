// The tuned broadcast binary op: a contiguous inner loop over the last axis (stride 0 or 1 per input),
// an odometer over the outer axes. BroadcastReference is its naive twin.

enum BinaryOperator: Sendable {
    case add, subtract, multiply, divide

    @inline(__always)
    func apply(_ x: Float, _ y: Float) -> Float {
        switch self {
        case .add: x + y
        case .subtract: x - y
        case .multiply: x * y
        case .divide: x / y
        }
    }

    func apply(_ x: Int64, _ y: Int64) -> Int64 {
        switch self {
        case .add: x &+ y
        case .subtract: x &- y
        case .multiply: x &* y
        case .divide: y == 0 ? 0 : x / y
        }
    }
}

enum BroadcastKernel {
    static func apply(
        _ op: BinaryOperator, a: UnsafePointer<Float>, aShape: [Int], b: UnsafePointer<Float>, bShape: [Int],
        out: UnsafeMutablePointer<Float>, outShape: [Int]
    ) {
        let count = outShape.elementCount
        guard count > 0 else { return }
        if aShape == bShape {
            switch op { // one switch outside the loop lets each loop vectorise
            case .add: for i in 0..<count { out[i] = a[i] + b[i] }
            case .subtract: for i in 0..<count { out[i] = a[i] - b[i] }
            case .multiply: for i in 0..<count { out[i] = a[i] * b[i] }
            case .divide: for i in 0..<count { out[i] = a[i] / b[i] }
            }
            return
        }
        guard !outShape.isEmpty else { out[0] = op.apply(a[0], b[0]); return }
        let sa = BroadcastShape.strides(of: aShape, in: outShape)
        let sb = BroadcastShape.strides(of: bShape, in: outShape)
        let rank = outShape.count
        let inner = outShape[rank - 1]
        let (ia, ib) = (sa[rank - 1], sb[rank - 1])
        var index = [Int](repeating: 0, count: rank - 1)
        var offsetA = 0, offsetB = 0
        var o = 0
        while o < count {
            let pa = a + offsetA, pb = b + offsetB, po = out + o
            for i in 0..<inner { po[i] = op.apply(pa[i * ia], pb[i * ib]) }
            o += inner
            // Advance the odometer over the outer axes.
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                offsetA += sa[axis]
                offsetB += sb[axis]
                if index[axis] < outShape[axis] { break }
                offsetA -= sa[axis] * outShape[axis]
                offsetB -= sb[axis] * outShape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }
}
