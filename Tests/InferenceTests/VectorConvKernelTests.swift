// Each conv kernel variant (forced: AVX-512, AVX2, the im2col + OpenBLAS fallback) against the naive
// ConvReference over awkward shapes: channel counts off the register tiles (1, primes, 12-multiples), widths
// around the 16 / 32-pixel tiles, patches of 1 to hundreds of taps, strides, dilations, uneven padding, groups,
// several bands, several threads, with and without bias and residual, every activation. A variant this CPU
// lacks is skipped and reported as such (never failed). Tolerance as ConvTuningTests: only the summation order
// differs (relative L-infinity 1e-5, 5e-5 for patches of hundreds of taps). Also the chained form (a tiny conv
// computed inside the next conv's bands) against the two reference convs in turn.
import CKernels
import Foundation
@testable import Inference
import Testing

@Suite("Vector conv kernels match the naive reference")
struct VectorConvKernelTests {
    static func geometry(
        batch: Int = 1, c: Int, h: Int, w: Int, m: Int, k: (Int, Int) = (3, 3), stride: (Int, Int) = (1, 1),
        dilation: (Int, Int) = (1, 1), pad: (Int, Int)? = nil, groups: Int = 1
    ) -> ConvGeometry {
        let pad = pad ?? (dilation.0 * (k.0 - 1) / 2, dilation.1 * (k.1 - 1) / 2)
        // Padding after = padding before, so the output size follows the usual formula.
        let oh = (h + 2 * pad.0 - dilation.0 * (k.0 - 1) - 1) / stride.0 + 1
        let ow = (w + 2 * pad.1 - dilation.1 * (k.1 - 1) - 1) / stride.1 + 1
        return ConvGeometry(batch: batch, inChannels: c, inHeight: h, inWidth: w, outChannels: m, kernelHeight: k.0, kernelWidth: k.1,
                            strideH: stride.0, strideW: stride.1, dilationH: dilation.0, dilationW: dilation.1,
                            padTop: pad.0, padLeft: pad.1, outHeight: oh, outWidth: ow, groups: groups)
    }

    static let geometries: [ConvGeometry] = [
        geometry(c: 1, h: 9, w: 37, m: 12),                                   // the stem: K = 9, one 12-channel tile
        geometry(c: 1, h: 1, w: 1, m: 1, k: (1, 1)),                          // everything 1
        geometry(batch: 2, c: 7, h: 5, w: 33, m: 5, k: (1, 1)),               // pointwise, K = 7, 33 = 32 + 1 pixels
        geometry(c: 3, h: 6, w: 17, m: 13),                                   // K = 27, 13 = 8 + 5 channels
        geometry(c: 13, h: 4, w: 16, m: 17),                                  // K = 117, one exact 16-pixel tile
        geometry(c: 5, h: 11, w: 31, m: 24, stride: (2, 2)),                  // stride 2 (phases), 12 | 24
        geometry(c: 4, h: 10, w: 47, m: 3, stride: (3, 2), pad: (2, 0)),      // strides 3 x 2, uneven padding
        geometry(c: 6, h: 12, w: 29, m: 9, dilation: (2, 4)),                 // dilations 2 x 4
        geometry(c: 3, h: 16, w: 15, m: 4, k: (7, 5), stride: (2, 3), pad: (3, 2)),
        geometry(batch: 2, c: 8, h: 13, w: 12, m: 12, stride: (2, 2), dilation: (2, 2), pad: (1, 2), groups: 4),
        geometry(c: 6, h: 10, w: 19, m: 6, groups: 6),                        // depthwise
        geometry(c: 2, h: 5, w: 6, m: 7, k: (5, 5), pad: (0, 0)),             // 1 x 2 outputs, K = 50
        geometry(batch: 2, c: 64, h: 45, w: 70, m: 5),                        // two bands of rows per image (K = 576)
        geometry(c: 48, h: 12, w: 52, m: 24, dilation: (4, 4)),               // ctx2-like: 12 | 24, 8 rows of band overlap
    ].filter { $0.outHeight > 0 && $0.outWidth > 0 }

    static let cases: [(Activation, bias: Bool, residual: Bool)] = [
        (.none, true, false), (.relu, true, true), (.relu, false, false), (.leakyRelu(alpha: 0.1), true, false),
        (.clip(min: -0.2, max: 0.3), false, true), (.sigmoid, true, true),
    ]

    /// One geometry's operands and the reference outputs for every case, computed once for all the variants.
    struct Fixture {
        var geometry: ConvGeometry
        var input: [Float], weights: [Float], bias: [Float], residual: [Float]
        var expected: [[Float]] // by case
    }

    static let fixtures: [Fixture] = geometries.map { g in
        var random = KernelReferenceTests.Generator()
        let input = random.values(g.batch * g.inChannels * g.inPlane)      // [N, C, H, W]
        let weights = random.values(g.outChannels * g.patchSize)            // [M, C/groups, kH, kW]
        let bias = random.values(g.outChannels)                             // [M]
        let residual = random.values(g.batch * g.outChannels * g.outPlane) // [N, M, OH, OW]
        let expected = cases.map { activation, withBias, withResidual in
            ConvReference.convolve(input: input, weights: weights, bias: withBias ? bias : nil,
                                   residual: withResidual ? residual : nil, geometry: g, activation: activation)
        }
        return Fixture(geometry: g, input: input, weights: weights, bias: bias, residual: residual, expected: expected)
    }

    /// Every geometry x case through `variant` (at `threads`), against ConvReference.
    func check(_ variant: ConvKernelVariant, threads: Int = 1) {
        for (index, f) in Self.fixtures.enumerated() {
            let g = f.geometry
            let tolerance: Float = g.patchSize > 200 ? 5e-5 : 1e-5
            for ((activation, withBias, withResidual), expected) in zip(Self.cases, f.expected) {
                let output = Self.run(variant, input: f.input, weights: f.weights, bias: withBias ? f.bias : nil,
                                      residual: withResidual ? f.residual : nil, geometry: g, activation: activation, threads: threads)
                let error = Comparison.relativeError(output, expected)
                #expect(error <= tolerance, "\(variant) geometry \(index) \(g), \(activation), bias \(withBias), residual \(withResidual): \(error)")
            }
        }
    }

    static func run(
        _ variant: ConvKernelVariant, input: [Float], weights: [Float], bias: [Float]?, residual: [Float]?,
        geometry g: ConvGeometry, activation: Activation, threads: Int
    ) -> [Float] {
        var output = [Float](repeating: .nan, count: g.batch * g.outChannels * g.outPlane)
        var scratch: [Float] = []
        input.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                withOptionalPointer(bias) { b in
                    withOptionalPointer(residual) { r in
                        output.withUnsafeMutableBufferPointer { y in
                            if variant == .openBLAS {
                                ConvLayer.convolve(input: x.baseAddress!, weights: w.baseAddress!, bias: b, residual: r,
                                                   output: y.baseAddress!, geometry: g, activation: activation,
                                                   variant: .openBLAS, scratch: &scratch)
                            } else {
                                let ran = VectorConvKernel.convolve(input: x.baseAddress!, weights: w.baseAddress!, bias: b, residual: r,
                                                                    output: y.baseAddress!, geometry: g, activation: activation,
                                                                    variant: variant, scratch: &scratch, threads: threads)
                                #expect(ran, "\(variant) declined \(g)")
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    @Test(.enabled(if: ConvKernelVariant.avx512.isSupported, "this CPU (or OS) has no AVX-512F: the AVX-512 kernel is not tested here"))
    func avx512MatchesReference() { check(.avx512) }

    @Test(.enabled(if: ConvKernelVariant.avx2.isSupported, "this CPU (or OS) has no AVX2 + FMA: the AVX2 kernel is not tested here"))
    func avx2MatchesReference() { check(.avx2) }

    @Test func openBLASFallbackMatchesReference() { check(.openBLAS) }

    /// A tiny first conv computed inside the second's bands (ConvChainLayer's path) against the two reference
    /// convs in turn: the stem shape, a pointwise second conv, strides and dilations in both, uneven channel
    /// counts, several bands, every activation on either side, with and without a residual.
    static let chains: [(first: ConvGeometry, second: @Sendable (Int) -> ConvGeometry, Activation, Activation, residual: Bool)] = [
        (geometry(batch: 2, c: 1, h: 12, w: 37, m: 12), { geometry(batch: 2, c: 12, h: 12, w: 37, m: $0, stride: (2, 2)) },
         .relu, .relu, false),
        (geometry(c: 2, h: 9, w: 20, m: 5, dilation: (2, 2)), { geometry(c: 5, h: 9, w: 20, m: $0, k: (1, 1)) },
         .leakyRelu(alpha: 0.1), .none, true),
        (geometry(c: 3, h: 7, w: 33, m: 9, k: (5, 3), stride: (2, 1), pad: (2, 1)), { geometry(c: 9, h: 4, w: 33, m: $0, dilation: (2, 2)) },
         .sigmoid, .clip(min: -0.2, max: 0.3), true),
        (geometry(c: 1, h: 60, w: 300, m: 12), { geometry(c: 12, h: 60, w: 300, m: $0, stride: (2, 2)) }, // two bands
         .none, .sigmoid, false),
    ]

    func checkChains(_ variant: ConvKernelVariant, threads: Int = 1) {
        for (index, chain) in Self.chains.enumerated() {
            let g1 = chain.first
            for m in [1, 13, 16] {
                let g2 = chain.second(m)
                #expect(VectorConvKernel.chains(g1, into: g2), "chain \(index)")
                var random = KernelReferenceTests.Generator()
                let input = random.values(g1.batch * g1.inChannels * g1.inPlane)
                let w1 = random.values(g1.outChannels * g1.patchSize), b1 = random.values(g1.outChannels)
                let w2 = random.values(g2.outChannels * g2.patchSize), b2 = random.values(g2.outChannels)
                let residual = chain.residual ? random.values(g2.batch * g2.outChannels * g2.outPlane) : nil
                let middle = ConvReference.convolve(input: input, weights: w1, bias: b1, geometry: g1, activation: chain.2)
                let expected = ConvReference.convolve(input: middle, weights: w2, bias: b2, residual: residual, geometry: g2, activation: chain.3)
                var output = [Float](repeating: .nan, count: expected.count)
                var scratch: [Float] = []
                let ran = input.withUnsafeBufferPointer { x in
                    w1.withUnsafeBufferPointer { w1 in
                        w2.withUnsafeBufferPointer { w2 in
                            b1.withUnsafeBufferPointer { b1 in
                                b2.withUnsafeBufferPointer { b2 in
                                    withOptionalPointer(residual) { r in
                                        output.withUnsafeMutableBufferPointer { y in
                                            VectorConvKernel.convolve(
                                                input: x.baseAddress!, weights: w2.baseAddress!, bias: b2.baseAddress, residual: r,
                                                output: y.baseAddress!, geometry: g2, activation: chain.3, variant: variant,
                                                scratch: &scratch,
                                                prologue: .init(geometry: g1, weights: w1.baseAddress!, bias: b1.baseAddress, activation: chain.2),
                                                threads: threads)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                #expect(ran, "\(variant) declined chain \(index)")
                let error = Comparison.relativeError(output, expected)
                #expect(error <= 1e-5, "\(variant) chain \(index), \(m) channels, threads \(threads): \(error)")
            }
        }
    }

    @Test(.enabled(if: ConvKernelVariant.avx512.isSupported, "this CPU (or OS) has no AVX-512F: the AVX-512 kernel is not tested here"))
    func avx512ChainMatchesReference() { checkChains(.avx512); checkChains(.avx512, threads: 2) }

    @Test(.enabled(if: ConvKernelVariant.avx2.isSupported, "this CPU (or OS) has no AVX2 + FMA: the AVX2 kernel is not tested here"))
    func avx2ChainMatchesReference() { checkChains(.avx2) }

    /// What may not chain is declined: a second conv with groups, a first conv with row stride 2, shapes that
    /// do not meet, a first conv of more than 64 taps.
    @Test func chainDeclinesWhatItDoesNotRun() {
        let first = Self.geometry(c: 1, h: 12, w: 37, m: 12)
        #expect(!VectorConvKernel.chains(first, into: Self.geometry(c: 12, h: 12, w: 37, m: 12, groups: 4)))
        #expect(!VectorConvKernel.chains(Self.geometry(c: 1, h: 12, w: 37, m: 12, stride: (1, 2)), into: Self.geometry(c: 12, h: 12, w: 19, m: 4)))
        #expect(!VectorConvKernel.chains(first, into: Self.geometry(c: 12, h: 12, w: 36, m: 4)))
        #expect(!VectorConvKernel.chains(Self.geometry(c: 8, h: 12, w: 37, m: 12), into: Self.geometry(c: 12, h: 12, w: 37, m: 4)))
    }

    /// Bands shared out over threads (more threads than bands too) give the single-thread result.
    @Test(.enabled(if: ConvKernelVariant.fastest != .openBLAS, "no vector kernel on this CPU"))
    func threadsMatchReference() {
        check(ConvKernelVariant.fastest, threads: 3)
    }

    /// Reports which variants this machine runs, and that an unsupported one is declined, not run.
    @Test func unsupportedVariantIsDeclined() {
        let supported = ConvKernelVariant.allCases.filter(\.isSupported)
        print("conv kernel variants supported here: \(supported.map(\.rawValue).joined(separator: ", ")); active: \(ConvKernelVariant.active.rawValue)")
        #expect(ConvKernelVariant.openBLAS.isSupported)
        #expect(supported.contains(ConvKernelVariant.fastest))
        let g = Self.geometry(c: 1, h: 4, w: 4, m: 1)
        var output = [Float](repeating: .nan, count: g.outPlane)
        var scratch: [Float] = []
        for variant in ConvKernelVariant.allCases where !variant.isSupported || variant == .openBLAS {
            let ran = [Float](repeating: 1, count: 16).withUnsafeBufferPointer { x in
                output.withUnsafeMutableBufferPointer { y in
                    VectorConvKernel.convolve(input: x.baseAddress!, weights: x.baseAddress!, bias: nil, residual: nil, output: y.baseAddress!,
                                              geometry: g, activation: .none, variant: variant, scratch: &scratch)
                }
            }
            #expect(!ran, "\(variant) is not a vector kernel here")
        }
        #expect(output.allSatisfy { $0.isNaN }, "a declined call writes nothing")
    }
}
