// Gemm (transA, transB, alpha, beta, C broadcast to [M, N]) and MatMul (numpy batching), both on cblas_sgemm.

struct GemmLayer: Layer {
    var node: NodeInfo
    var isMatMul: Bool
    var transA: Bool, transB: Bool
    var alpha: Float, beta: Float
    var activation: Activation = .none

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        isMatMul = node.opType == "MatMul"
        try node.requireOnly(isMatMul ? [] : ["alpha", "beta", "transA", "transB"])
        transA = node.int("transA", default: 0) != 0
        transB = node.int("transB", default: 0) != 0
        alpha = node.float("alpha", default: 1)
        beta = node.float("beta", default: 1)
        self.node = node
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let (a, b) = (try shapeOf(inputs, 0), try shapeOf(inputs, 1))
        if isMatMul {
            // 1-D operands are promoted (a row, b a column) and the promoted axis dropped afterwards.
            let pa = a.count == 1 ? [1] + a : a, pb = b.count == 1 ? b + [1] : b
            guard pa.count >= 2, pb.count >= 2, pa[pa.count - 1] == pb[pb.count - 2],
                  let batch = BroadcastShape.of(Array(pa.dropLast(2)), Array(pb.dropLast(2))) else {
                throw InferenceError.invalid(node, "shapes \(a) and \(b) do not multiply")
            }
            var out = batch + [pa[pa.count - 2], pb[pb.count - 1]]
            if a.count == 1 { out.remove(at: out.count - 2) }
            if b.count == 1 { out.removeLast() }
            return out
        }
        guard a.count == 2, b.count == 2 else { throw InferenceError.invalid(node, "Gemm needs 2-D inputs, got \(a) and \(b)") }
        let (m, k) = transA ? (a[1], a[0]) : (a[0], a[1])
        let (k2, n) = transB ? (b[1], b[0]) : (b[0], b[1])
        guard k == k2 else { throw InferenceError.invalid(node, "inner dimensions \(k) and \(k2) differ") }
        if inputs.count > 2, let c = inputs[2]?.shape, BroadcastShape.of(c, [m, n]) != [m, n] {
            throw InferenceError.invalid(node, "C of shape \(c) does not broadcast to [\(m), \(n)]")
        }
        return [m, n]
    }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let (a, b) = (try floatInput(inputs, 0), try floatInput(inputs, 1))
        if isMatMul { return try runMatMul(a, b, output: &output) }
        let (m, n) = (output.shape[0], output.shape[1])
        let k = transA ? a.shape[0] : a.shape[1]
        var accumulate: Float = 0
        if inputs.count > 2, inputs[2] != nil, beta != 0 {
            // out starts as C broadcast to [M, N]; sgemm then adds alpha * A * B onto beta * C.
            let c = try floatInput(inputs, 2)
            output.data = BroadcastReference.apply(c.data, c.shape, [0], [1], outShape: [m, n], +)
            accumulate = beta
        }
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                output.data.withUnsafeMutableBufferPointer { po in
                    guard let pa = pa.baseAddress, let pb = pb.baseAddress, let po = po.baseAddress else { return }
                    GemmKernel.multiply(a: pa, b: pb, out: po, m: m, n: n, k: k, transA: transA, transB: transB, alpha: alpha, beta: accumulate)
                    activation.apply(po, count: m * n)
                }
            }
        }
    }

    /// [..., M, K] x [..., K, N] → [..., M, N], one sgemm per broadcast batch index.
    private func runMatMul(_ a: Tensor, _ b: Tensor, output: inout Tensor) throws {
        let pa = a.rank == 1 ? [1] + a.shape : a.shape, pb = b.rank == 1 ? b.shape + [1] : b.shape
        let (m, k, n) = (pa[pa.count - 2], pa[pa.count - 1], pb[pb.count - 1])
        let batchA = Array(pa.dropLast(2)), batchB = Array(pb.dropLast(2))
        guard let batch = BroadcastShape.of(batchA, batchB) else { throw InferenceError.invalid(node, "batch shapes differ") }
        let sa = BroadcastShape.strides(of: batchA, in: batch), sb = BroadcastShape.strides(of: batchB, in: batch)
        let strides = batch.rowMajorStrides
        a.data.withUnsafeBufferPointer { xa in
            b.data.withUnsafeBufferPointer { xb in
                output.data.withUnsafeMutableBufferPointer { xo in
                    guard let xa = xa.baseAddress, let xb = xb.baseAddress, let xo = xo.baseAddress else { return }
                    for index in 0..<batch.elementCount {
                        var ia = 0, ib = 0
                        for axis in batch.indices {
                            let i = (index / strides[axis]) % batch[axis]
                            ia += i * sa[axis]
                            ib += i * sb[axis]
                        }
                        GemmKernel.multiply(
                            a: xa + ia * m * k, b: xb + ib * k * n, out: xo + index * m * n,
                            m: m, n: n, k: k, transA: false, transB: false, alpha: 1, beta: 0
                        )
                    }
                }
            }
        }
        activation.apply(&output)
    }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int {
        guard let a = inputs.first, !a.isEmpty else { return 0 }
        let k = isMatMul ? a[a.count - 1] : (transA ? a[0] : a[a.count - 1])
        return 2 * output.elementCount * k
    }
}

extension Activation {
    func apply(_ tensor: inout Tensor) {
        let count = tensor.count
        tensor.data.withUnsafeMutableBufferPointer { p in
            if let base = p.baseAddress { apply(base, count: count) }
        }
    }
}
