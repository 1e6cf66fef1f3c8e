// The naive matrix product: triple loops. The reference GemmKernel is tested against.

enum GemmReference {
    /// C[M, N] = alpha * op(A) * op(B) + beta * C, with op(A) [M, K] and op(B) [K, N]; row-major.
    static func multiply(
        a: [Float], b: [Float], c: [Float]?, m: Int, n: Int, k: Int,
        transA: Bool, transB: Bool, alpha: Float, beta: Float
    ) -> [Float] {
        var out = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k {
                    let left = transA ? a[p * m + i] : a[i * k + p]
                    let right = transB ? b[j * k + p] : b[p * n + j]
                    sum += left * right
                }
                out[i * n + j] = alpha * sum + beta * (c?[i * n + j] ?? 0)
            }
        }
        return out
    }
}
