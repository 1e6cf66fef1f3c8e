// The speed paths of Conv against the naive ConvReference (relative L-infinity error at most 1e-5, 5e-5 for
// patches of hundreds of taps: only the summation order differs): the direct kernel for few taps, im2col +
// sgemm over several row tiles, and the SIMD activations against their scalar form (exactly).
import Foundation
@testable import Inference
import Testing

@Suite("Conv speed paths match the naive reference")
struct ConvTuningTests {
    static let tolerance: Float = 1e-5
    /// Patches of 360 to 720 taps: float32 sums that long, in sgemm's order and the reference's, differ by more.
    static let tiledTolerance: Float = 5e-5

    static func geometry(
        batch: Int = 1, c: Int, h: Int, w: Int, m: Int, k: Int = 3, stride: (Int, Int) = (1, 1), dilation: Int = 1, pad: Int? = nil
    ) -> ConvGeometry {
        let pad = pad ?? dilation * (k - 1) / 2
        let oh = (h + 2 * pad - dilation * (k - 1) - 1) / stride.0 + 1
        let ow = (w + 2 * pad - dilation * (k - 1) - 1) / stride.1 + 1
        return ConvGeometry(batch: batch, inChannels: c, inHeight: h, inWidth: w, outChannels: m, kernelHeight: k, kernelWidth: k,
                            strideH: stride.0, strideW: stride.1, dilationH: dilation, dilationW: dilation,
                            padTop: pad, padLeft: pad, outHeight: oh, outWidth: ow, groups: 1)
    }

    /// Where DirectConvKernel applies: the bundled model's stem shape (1 → 12, width 416 = 52 x 8) shrunk,
    /// widths that are not a multiple of 8, channel counts that are not a multiple of 4, 2 input channels,
    /// dilation, row stride 2, no padding, a batch of 2.
    static let directGeometries: [ConvGeometry] = [
        geometry(c: 1, h: 12, w: 32, m: 12),
        geometry(batch: 2, c: 1, h: 7, w: 13, m: 5),
        geometry(c: 2, h: 9, w: 19, m: 7, dilation: 2),
        geometry(c: 3, h: 10, w: 9, m: 4, stride: (2, 1)),
        geometry(c: 1, h: 6, w: 11, m: 1, pad: 0),
        geometry(c: 2, h: 8, w: 10, m: 6, k: 4, pad: 1),
    ]

    @Test(arguments: directGeometries.indices)
    func directMatchesReference(index: Int) {
        let g = Self.directGeometries[index]
        #expect(DirectConvKernel.applies(to: g))
        var random = KernelReferenceTests.Generator()
        let input = random.values(g.batch * g.inChannels * g.inPlane)      // [N, C, H, W]
        let weights = random.values(g.outChannels * g.patchSize)            // [M, C, kH, kW]
        let bias = random.values(g.outChannels)                             // [M]
        let residual = random.values(g.batch * g.outChannels * g.outPlane) // [N, M, OH, OW]
        for (activation, withBias, withResidual) in [(Activation.none, true, false), (.relu, true, true), (.relu, false, false),
                                                     (.leakyRelu(alpha: 0.1), true, false), (.clip(min: -0.2, max: 0.3), false, true),
                                                     (.sigmoid, true, false)] {
            let expected = ConvReference.convolve(input: input, weights: weights, bias: withBias ? bias : nil,
                                                  residual: withResidual ? residual : nil, geometry: g, activation: activation)
            var output = [Float](repeating: .nan, count: expected.count)
            var scratch: [Float] = []
            let packed = weights.withUnsafeBufferPointer {
                DirectConvKernel.packWeights($0.baseAddress!, outChannels: g.outChannels, patchSize: g.patchSize)
            }
            input.withUnsafeBufferPointer { x in
                packed.withUnsafeBufferPointer { w in
                    bias.withUnsafeBufferPointer { b in
                        residual.withUnsafeBufferPointer { r in
                            output.withUnsafeMutableBufferPointer { y in
                                DirectConvKernel.convolve(input: x.baseAddress!, packedWeights: w.baseAddress!,
                                                          bias: withBias ? b.baseAddress : nil, residual: withResidual ? r.baseAddress : nil,
                                                          output: y.baseAddress!, geometry: g, activation: activation, scratch: &scratch)
                            }
                        }
                    }
                }
            }
            #expect(Comparison.relativeError(output, expected) <= Self.tolerance, "geometry \(index), \(activation), bias \(withBias)")
        }
    }

    @Test func directDeclinesWhatItDoesNotRun() {
        #expect(!DirectConvKernel.applies(to: Self.geometry(c: 4, h: 12, w: 32, m: 8)))          // 36 taps
        #expect(!DirectConvKernel.applies(to: Self.geometry(c: 1, h: 12, w: 32, m: 8, stride: (1, 2))))
        #expect(!DirectConvKernel.applies(to: Self.geometry(c: 1, h: 12, w: 6, m: 8)))           // narrower than 8
    }

    /// Geometries whose im2col takes several row tiles of 256 KiB (the last one partial), with and without a residual.
    @Test(arguments: [(64, 12, 20, 5, 1, 1), (48, 25, 30, 7, 2, 2), (40, 7, 50, 3, 1, 4), (80, 11, 20, 9, 1, 1)])
    func tiledIm2colMatchesReference(c: Int, h: Int, w: Int, m: Int, stride: Int, dilation: Int) {
        let g = Self.geometry(batch: 2, c: c, h: h, w: w, m: m, stride: (stride, stride), dilation: dilation)
        let tileBytes = 256 * 1024
        let rows = ConvKernel.rowsPerTile(g, tileBytes: tileBytes)
        #expect(rows < g.outHeight && g.outHeight % rows != 0, "rows per tile \(rows) of \(g.outHeight)")
        var random = KernelReferenceTests.Generator()
        let input = random.values(g.batch * g.inChannels * g.inPlane)
        let weights = random.values(g.outChannels * g.patchSize)
        let bias = random.values(g.outChannels)
        let residual = random.values(g.batch * g.outChannels * g.outPlane)
        for (activation, withBias, withResidual) in [(Activation.relu, true, false), (.none, false, false), (.clip(min: -1, max: 1), true, true)] {
            let expected = ConvReference.convolve(input: input, weights: weights, bias: withBias ? bias : nil,
                                                  residual: withResidual ? residual : nil, geometry: g, activation: activation)
            let output = KernelReferenceTests.tunedConv(input: input, weights: weights, bias: withBias ? bias : nil,
                                                        residual: withResidual ? residual : nil, geometry: g,
                                                        activation: activation, tileBytes: tileBytes)
            #expect(Comparison.relativeError(output, expected) <= Self.tiledTolerance, "\(g), \(activation)")
        }
    }

    @Test func simdActivationsEqualScalar() {
        var random = KernelReferenceTests.Generator()
        let values = random.values(37).map { $0 * 4 }
        for activation in [Activation.none, .relu, .leakyRelu(alpha: 0.1), .clip(min: -0.5, max: 0.7), .sigmoid] {
            let scalar = values.map { activation.apply($0) }
            var lanes: [Float] = []
            for start in stride(from: 0, to: 32, by: 8) {
                let x = SIMD8<Float>(values[start..<(start + 8)])
                let y = activation.apply(x)
                lanes += (0..<8).map { y[$0] }
            }
            #expect(lanes == Array(scalar[0..<32]), "\(activation) by lanes")
            var inPlace = values // 37: four SIMD8 steps and a tail of 5
            inPlace.withUnsafeMutableBufferPointer { activation.apply($0.baseAddress!, count: 37) }
            #expect(inPlace == scalar, "\(activation) in place")
        }
    }
}
