// The tuned direct convolution for convs with few taps per output (Cin * kH * kW small, e.g. a stem over one
// grey channel): sgemm with K = 9 wastes its packing on a huge, thin matrix, while here each output row is
// written once, 4 channels x 8 pixels at a time from SIMD registers. ConvReference is its naive twin.

enum DirectConvKernel {
    /// Taps per output at most this many (32 SIMD8 splats per 4-channel block: 4 KiB of weights).
    static let maxPatchSize = 32

    /// Stride 1 along the row, one group, a patch of at most `maxPatchSize`: where `convolve` applies.
    static func applies(to g: ConvGeometry) -> Bool {
        g.groups == 1 && g.strideW == 1 && g.patchSize <= maxPatchSize && g.outWidth >= 8
    }

    /// Weights [M, C, kH, kW] as SIMD8 splats in blocks of 4 output channels: [ceil(M/4), patch, 4]. Built once per
    /// layer (ConvLayer keeps it).
    static func packWeights(_ weights: UnsafePointer<Float>, outChannels: Int, patchSize: Int) -> [SIMD8<Float>] {
        let blocks = (outChannels + 3) / 4
        var packed = [SIMD8<Float>](repeating: .zero, count: blocks * patchSize * 4)
        for m in 0..<outChannels {
            for t in 0..<patchSize {
                packed[((m / 4) * patchSize + t) * 4 + m % 4] = SIMD8(repeating: weights[m * patchSize + t])
            }
        }
        return packed
    }

    /// input [N, C, H, W], packed weights (packWeights), bias [M] → output [N, M, OH, OW]; residual (same shape as the
    /// output) added before the activation. `scratch` holds one zero-padded input image.
    static func convolve(
        input: UnsafePointer<Float>, packedWeights: UnsafePointer<SIMD8<Float>>, bias: UnsafePointer<Float>?,
        residual: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
        geometry g: ConvGeometry, activation: Activation, scratch: inout [Float]
    ) {
        // The padded image: every tap of every output lies inside it, so the inner loops test nothing.
        let paddedWidth = (g.outWidth - 1) * g.strideW + (g.kernelWidth - 1) * g.dilationW + 1
        let paddedHeight = (g.outHeight - 1) * g.strideH + (g.kernelHeight - 1) * g.dilationH + 1
        let paddedPlane = paddedWidth * paddedHeight
        let need = g.inChannels * paddedPlane
        if scratch.count < need { scratch = [Float](repeating: 0, count: need) }
        let patch = g.patchSize
        var offsets = [Int](repeating: 0, count: patch) // tap → offset in the padded image
        for c in 0..<g.inChannels {
            for ky in 0..<g.kernelHeight {
                for kx in 0..<g.kernelWidth {
                    offsets[(c * g.kernelHeight + ky) * g.kernelWidth + kx] = c * paddedPlane + ky * g.dilationH * paddedWidth + kx * g.dilationW
                }
            }
        }
        scratch.withUnsafeMutableBufferPointer { buffer in
            offsets.withUnsafeBufferPointer { offsetBuffer in
                guard let padded = buffer.baseAddress, let offsets = offsetBuffer.baseAddress else { return }
                for n in 0..<g.batch {
                    pad(input + n * g.inChannels * g.inPlane, geometry: g, width: paddedWidth, height: paddedHeight, into: padded)
                    let image = output + n * g.outChannels * g.outPlane
                    let extra = residual.map { $0 + n * g.outChannels * g.outPlane }
                    for oy in 0..<g.outHeight {
                        let source = UnsafePointer(padded) + oy * g.strideH * paddedWidth
                        var m = 0
                        while m < g.outChannels {
                            let count = min(4, g.outChannels - m)
                            outputRow(
                                source: source, offsets: offsets, patch: patch, weights: packedWeights + (m / 4) * patch * 4,
                                bias: bias.map { $0 + m }, channels: count, rowOffset: m * g.outPlane + oy * g.outWidth,
                                residual: extra, output: image, plane: g.outPlane, width: g.outWidth, activation: activation
                            )
                            m += 4
                        }
                    }
                }
            }
        }
    }

    /// Copies one image [C, H, W] into [C, paddedHeight, paddedWidth] with zeros around it.
    private static func pad(_ image: UnsafePointer<Float>, geometry g: ConvGeometry, width: Int, height: Int, into padded: UnsafeMutablePointer<Float>) {
        padded.update(repeating: 0, count: g.inChannels * width * height)
        for c in 0..<g.inChannels {
            for y in 0..<g.inHeight {
                let py = y + g.padTop
                guard py < height else { break }
                let first = max(0, -g.padLeft), last = min(g.inWidth, width - g.padLeft)
                guard first < last else { continue }
                (padded + (c * height + py) * width + g.padLeft + first)
                    .update(from: image + (c * g.inHeight + y) * g.inWidth + first, count: last - first)
            }
        }
    }

    @inline(__always)
    private static func store(_ value: SIMD8<Float>, _ at: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(at).storeBytes(of: value, as: SIMD8<Float>.self)
    }

    /// One output row of up to 4 channels: 8 pixels per step in registers (SIMD8 accumulators), the tail
    /// pixels (width not a multiple of 8) by recomputing the last full block, which overlaps and rewrites
    /// identical values.
    @inline(__always)
    private static func outputRow(
        source: UnsafePointer<Float>, offsets: UnsafePointer<Int>, patch: Int, weights: UnsafePointer<SIMD8<Float>>,
        bias: UnsafePointer<Float>?, channels: Int, rowOffset: Int, residual: UnsafePointer<Float>?,
        output: UnsafeMutablePointer<Float>, plane: Int, width: Int, activation: Activation
    ) {
        let b0 = SIMD8<Float>(repeating: bias?[0] ?? 0)
        let b1 = SIMD8<Float>(repeating: channels > 1 ? bias?[1] ?? 0 : 0)
        let b2 = SIMD8<Float>(repeating: channels > 2 ? bias?[2] ?? 0 : 0)
        let b3 = SIMD8<Float>(repeating: channels > 3 ? bias?[3] ?? 0 : 0)
        var x = 0
        while x < width {
            let ox = min(x, width - 8)
            var a0 = b0, a1 = b1, a2 = b2, a3 = b3
            let base = UnsafeRawPointer(source + ox)
            var w = weights
            for t in 0..<patch {
                let v = (base + offsets[t] * MemoryLayout<Float>.stride).loadUnaligned(as: SIMD8<Float>.self)
                a0 += w[0] * v
                a1 += w[1] * v
                a2 += w[2] * v
                a3 += w[3] * v
                w += 4
            }
            let at = rowOffset + ox
            if residual == nil, channels == 4 {
                store(activation.apply(a0), output + at)
                store(activation.apply(a1), output + at + plane)
                store(activation.apply(a2), output + at + 2 * plane)
                store(activation.apply(a3), output + at + 3 * plane)
            } else {
                for (j, value) in [a0, a1, a2, a3].prefix(channels).enumerated() {
                    let extra = residual.map { UnsafeRawPointer($0 + at + j * plane).loadUnaligned(as: SIMD8<Float>.self) } ?? .zero
                    store(activation.apply(value + extra), output + at + j * plane)
                }
            }
            x += 8
        }
    }
}
