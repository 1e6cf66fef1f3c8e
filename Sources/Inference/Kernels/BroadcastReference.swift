// The naive broadcast binary op: every output index unravelled and mapped to both inputs.

enum BroadcastReference {
    static func apply<T>(_ a: [T], _ aShape: [Int], _ b: [T], _ bShape: [Int], outShape: [Int], _ op: (T, T) -> T) -> [T] {
        let sa = BroadcastShape.strides(of: aShape, in: outShape)
        let sb = BroadcastShape.strides(of: bShape, in: outShape)
        let count = outShape.elementCount
        var out: [T] = []
        out.reserveCapacity(count)
        for flat in 0..<count {
            var rest = flat, ia = 0, ib = 0
            for axis in stride(from: outShape.count - 1, through: 0, by: -1) {
                let index = rest % outShape[axis]
                rest /= outShape[axis]
                ia += index * sa[axis]
                ib += index * sb[axis]
            }
            out.append(op(a[ia], b[ib]))
        }
        return out
    }
}
