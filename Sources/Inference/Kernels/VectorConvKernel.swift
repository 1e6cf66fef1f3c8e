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
        threads: Int = Int(ck_threads())
    ) -> Bool {
        guard variant != .openBLAS, variant.isSupported else { return false }
        var geometry = ck_conv_geometry(
            batch: Int32(g.batch), in_channels: Int32(g.inChannels), in_height: Int32(g.inHeight), in_width: Int32(g.inWidth),
            out_channels: Int32(g.outChannels), kernel_height: Int32(g.kernelHeight), kernel_width: Int32(g.kernelWidth),
            stride_h: Int32(g.strideH), stride_w: Int32(g.strideW), dilation_h: Int32(g.dilationH), dilation_w: Int32(g.dilationW),
            pad_top: Int32(g.padTop), pad_left: Int32(g.padLeft), out_height: Int32(g.outHeight), out_width: Int32(g.outWidth),
            groups: Int32(g.groups)
        )
        let bytes = ck_conv2d_scratch_bytes(&geometry, variant.isa, Int32(threads))
        guard bytes > 0 else { return false }
        let floats = (bytes + MemoryLayout<Float>.stride - 1) / MemoryLayout<Float>.stride
        if scratch.count < floats { scratch = [Float](repeating: 0, count: floats) }
        let status = scratch.withUnsafeMutableBytes { buffer in
            ck_conv2d(variant.isa, &geometry, input, weights, bias, residual, output, activation.kernelForm,
                      buffer.baseAddress, buffer.count, Int32(threads))
        }
        return status == 0
    }
}
