// The tuned matrix product: one cblas_sgemm call. GemmReference is its naive twin.
import COpenBLAS

enum GemmKernel {
    /// out[M, N] = alpha * op(A) * op(B) + beta * out; A is [M, K] (or [K, M] when transA), B [K, N] (or [N, K]).
    static func multiply(
        a: UnsafePointer<Float>, b: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, transA: Bool, transB: Bool, alpha: Float, beta: Float
    ) {
        cblas_sgemm(
            CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(transA ? m : k), b, Int32(transB ? k : n), beta, out, Int32(n)
        )
    }
}
