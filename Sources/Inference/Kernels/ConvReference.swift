// The naive convolution: direct loops over every output, tap by tap. The reference ConvKernel is tested against.

enum ConvReference {
    /// input [N, C, H, W], weights [M, C/groups, kH, kW], bias [M] → output [N, M, OH, OW].
    static func convolve(
        input: [Float], weights: [Float], bias: [Float]?, residual: [Float]? = nil,
        geometry g: ConvGeometry, activation: Activation
    ) -> [Float] {
        var output = [Float](repeating: 0, count: g.batch * g.outChannels * g.outPlane)
        for n in 0..<g.batch {
            for m in 0..<g.outChannels {
                let group = m / g.outChannelsPerGroup
                for oy in 0..<g.outHeight {
                    for ox in 0..<g.outWidth {
                        var sum: Float = bias?[m] ?? 0
                        for c in 0..<g.inChannelsPerGroup {
                            let channel = group * g.inChannelsPerGroup + c
                            for ky in 0..<g.kernelHeight {
                                let y = oy * g.strideH - g.padTop + ky * g.dilationH
                                guard y >= 0, y < g.inHeight else { continue }
                                for kx in 0..<g.kernelWidth {
                                    let x = ox * g.strideW - g.padLeft + kx * g.dilationW
                                    guard x >= 0, x < g.inWidth else { continue }
                                    let w = weights[((m * g.inChannelsPerGroup + c) * g.kernelHeight + ky) * g.kernelWidth + kx]
                                    sum += w * input[((n * g.inChannels + channel) * g.inHeight + y) * g.inWidth + x]
                                }
                            }
                        }
                        let index = ((n * g.outChannels + m) * g.outHeight + oy) * g.outWidth + ox
                        output[index] = activation.apply(sum + (residual?[index] ?? 0))
                    }
                }
            }
        }
        return output
    }
}
