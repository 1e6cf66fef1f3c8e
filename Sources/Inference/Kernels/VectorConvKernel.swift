// The tuned convolution on AVX-512 / AVX2 (CKernels' ck_conv2d): per band of output rows, the input rows it
// needs are copied zero-padded and split by stride phase, and register tiles of output channels x pixels
// accumulate tap by tap with bias, residual and activation applied before the one store (no column matrix).
// ConvReference is its naive twin; InferenceTests compares every variant the CPU has.
import CKernels

enum VectorConvKernel {
    /// input [N, C, H, W], weights [M, C/groups, kH, kW], bias [M] → output [N, M, OH, OW]; `residual` (same
    /// shape as the output) added before the activation. `scratch` grows to what the kernel asks for (packed
    /// weights, one band of input rows per thread) and is kept for the next call. `threads` defaults to
    /// InferenceSession.setThreadCount's. False when `variant` is not one this CPU runs (nothing written).
    @discardableResult
    static func convolve(
        input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        residual: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
        geometry g: ConvGeometry, activation: Activation, variant: ConvKernelVariant, scratch: inout [Float],
        prologue: Prologue? = nil, threads: Int = Int(ck_threads())
    ) -> Bool {
        guard variant != .openBLAS, variant.isSupported, var geometry = g.kernelForm, let threadCount = Int32(exactly: threads) else {
            return false
        }
        var first = ck_conv_prologue()
        if let prologue {
            guard let pg = prologue.geometry.kernelForm else { return false }
            first = ck_conv_prologue(geometry: pg, weights: prologue.weights, bias: prologue.bias, activation: prologue.activation.kernelForm)
        }
        let bytes = prologue == nil
            ? ck_conv2d_scratch_bytes(&geometry, nil, variant.isa, threadCount)
            : ck_conv2d_scratch_bytes(&geometry, &first.geometry, variant.isa, threadCount)
        guard bytes > 0 else { return false }
        let floats = (bytes + MemoryLayout<Float>.stride - 1) / MemoryLayout<Float>.stride
        if scratch.count < floats { scratch = [Float](repeating: 0, count: floats) }
        let status = scratch.withUnsafeMutableBytes { buffer in
            prologue == nil
                ? ck_conv2d(variant.isa, &geometry, nil, input, weights, bias, residual, output, activation.kernelForm,
                            buffer.baseAddress, buffer.count, threadCount)
                : ck_conv2d(variant.isa, &geometry, &first, input, weights, bias, residual, output, activation.kernelForm,
                            buffer.baseAddress, buffer.count, threadCount)
        }
        return status == 0
    }

    /// A tiny conv computed band by band into `convolve`'s input instead of being written out (ConvChainLayer):
    /// `input` is then this conv's input, and its output [N, M1, OH1, OW1] is `convolve`'s geometry's input.
    struct Prologue {
        var geometry: ConvGeometry
        var weights: UnsafePointer<Float>
        var bias: UnsafePointer<Float>?
        var activation: Activation
    }

    /// Whether a prologue of geometry `first` can feed a conv of geometry `second` (groups 1, row stride 1,
    /// at most 64 taps; shapes that chain).
    static func chains(_ first: ConvGeometry, into second: ConvGeometry) -> Bool {
        guard var a = first.kernelForm, var b = second.kernelForm else { return false }
        return ck_conv2d_prologue_fits(&a, &b) != 0
    }
}
