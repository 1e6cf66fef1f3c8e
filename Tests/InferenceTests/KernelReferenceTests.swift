// Each tuned kernel against its naive reference (relative L-infinity error, Comparison):
// sgemm-based kernels within 1e-5 (summation order differs); elementwise kernels exactly.
import Foundation
@testable import Inference
import Testing

@Suite("Tuned kernels match their naive references")
struct KernelReferenceTests {
    static let sgemmTolerance: Float = 1e-5

    struct Generator {
        var state = SplitMix64(seed: 42)
        mutating func values(_ count: Int) -> [Float] { (0..<count).map { _ in state.nextUnitFloat() * 2 - 1 } }
    }

    static let geometries: [ConvGeometry] = [
        // batch, C, H, W, M, kH, kW, sH, sW, dH, dW, padTop, padLeft, OH, OW, groups
        ConvGeometry(batch: 1, inChannels: 3, inHeight: 9, inWidth: 11, outChannels: 8, kernelHeight: 3, kernelWidth: 3,
                     strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, padTop: 1, padLeft: 1, outHeight: 9, outWidth: 11, groups: 1),
        ConvGeometry(batch: 2, inChannels: 8, inHeight: 13, inWidth: 12, outChannels: 12, kernelHeight: 3, kernelWidth: 3,
                     strideH: 2, strideW: 2, dilationH: 2, dilationW: 2, padTop: 1, padLeft: 2, outHeight: 5, outWidth: 5, groups: 4),
        ConvGeometry(batch: 1, inChannels: 6, inHeight: 10, inWidth: 10, outChannels: 6, kernelHeight: 3, kernelWidth: 3,
                     strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, padTop: 1, padLeft: 1, outHeight: 10, outWidth: 10, groups: 6),
        ConvGeometry(batch: 2, inChannels: 5, inHeight: 7, inWidth: 6, outChannels: 4, kernelHeight: 1, kernelWidth: 1,
                     strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, padTop: 0, padLeft: 0, outHeight: 7, outWidth: 6, groups: 1),
        ConvGeometry(batch: 1, inChannels: 3, inHeight: 16, inWidth: 15, outChannels: 4, kernelHeight: 7, kernelWidth: 5,
                     strideH: 2, strideW: 3, dilationH: 1, dilationW: 1, padTop: 3, padLeft: 2, outHeight: 8, outWidth: 5, groups: 1),
    ]

    @Test(arguments: geometries.indices)
    func convMatchesDirectLoops(index: Int) {
        let g = Self.geometries[index]
        var random = Generator()
        let input = random.values(g.batch * g.inChannels * g.inPlane)             // [N, C, H, W]
        let weights = random.values(g.outChannels * g.patchSize)                   // [M, C/groups, kH, kW]
        let bias = random.values(g.outChannels)                                    // [M]
        let residual = random.values(g.batch * g.outChannels * g.outPlane)        // [N, M, OH, OW]
        for (activation, withResidual) in [(Activation.none, false), (.relu, true), (.leakyRelu(alpha: 0.1), false), (.clip(min: -0.2, max: 0.3), true), (.sigmoid, false)] {
            let expected = ConvReference.convolve(
                input: input, weights: weights, bias: bias, residual: withResidual ? residual : nil, geometry: g, activation: activation)
            let output = Self.tunedConv(input: input, weights: weights, bias: bias, residual: withResidual ? residual : nil,
                                        geometry: g, activation: activation)
            #expect(Comparison.relativeError(output, expected) <= Self.sgemmTolerance, "geometry \(index), \(activation)")
        }
    }

    /// ConvKernel.convolve (im2col + sgemm) on arrays, with `tileBytes` of im2col columns per tile.
    static func tunedConv(
        input: [Float], weights: [Float], bias: [Float]?, residual: [Float]?, geometry g: ConvGeometry, activation: Activation,
        tileBytes: Int = ConvKernel.columnTileBytes
    ) -> [Float] {
        var output = [Float](repeating: .nan, count: g.batch * g.outChannels * g.outPlane)
        var scratch: [Float] = []
        input.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                withOptionalPointer(bias) { b in
                    withOptionalPointer(residual) { r in
                        output.withUnsafeMutableBufferPointer { y in
                            ConvKernel.convolve(input: x.baseAddress!, weights: w.baseAddress!, bias: b, residual: r, output: y.baseAddress!,
                                                geometry: g, activation: activation, scratch: &scratch, tileBytes: tileBytes)
                        }
                    }
                }
            }
        }
        return output
    }

    @Test func gemmMatchesTripleLoops() {
        var random = Generator()
        let (m, n, k) = (7, 5, 9)
        for transA in [false, true] {
            for transB in [false, true] {
                let a = random.values(m * k), b = random.values(k * n), c = random.values(m * n)
                let expected = GemmReference.multiply(a: a, b: b, c: c, m: m, n: n, k: k, transA: transA, transB: transB, alpha: 0.7, beta: 1.3)
                var out = c
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        out.withUnsafeMutableBufferPointer { po in
                            GemmKernel.multiply(a: pa.baseAddress!, b: pb.baseAddress!, out: po.baseAddress!, m: m, n: n, k: k,
                                                transA: transA, transB: transB, alpha: 0.7, beta: 1.3)
                        }
                    }
                }
                #expect(Comparison.relativeError(out, expected) <= Self.sgemmTolerance, "transA \(transA) transB \(transB)")
            }
        }
    }

    @Test(arguments: [
        ([2, 3, 4, 5], [2, 3, 4, 5]), ([2, 3, 4, 5], [3, 1, 5]), ([1, 3, 1, 1], [2, 3, 4, 5]),
        ([2, 3, 4, 5], []), ([4, 1], [1, 6]), ([5], [2, 1, 5]),
    ])
    func broadcastMatchesIndexByIndex(aShape: [Int], bShape: [Int]) throws {
        var random = Generator()
        let a = random.values(aShape.elementCount), b = random.values(bShape.elementCount)
        let outShape = try #require(BroadcastShape.of(aShape, bShape))
        for op in [BinaryOperator.add, .subtract, .multiply, .divide] {
            let expected = BroadcastReference.apply(a, aShape, b, bShape, outShape: outShape) { op.apply($0, $1) }
            var out = [Float](repeating: .nan, count: outShape.elementCount)
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    out.withUnsafeMutableBufferPointer { po in
                        BroadcastKernel.apply(op, a: pa.baseAddress!, aShape: aShape, b: pb.baseAddress!, bShape: bShape, out: po.baseAddress!, outShape: outShape)
                    }
                }
            }
            #expect(out == expected, "\(aShape) \(op) \(bShape)")
        }
    }

    @Test func batchNormFoldingMatchesSeparateLayers() throws {
        var random = Generator()
        var builder = ModelBuilder(shape: [1, 3, 6, 6])
        builder.initializer("w", shape: [4, 3, 3, 3], floats: random.values(108))
        builder.initializer("b", shape: [4], floats: random.values(4))
        builder.initializer("gamma", shape: [4], floats: random.values(4))
        builder.initializer("beta", shape: [4], floats: random.values(4))
        builder.initializer("mean", shape: [4], floats: random.values(4))
        builder.initializer("var", shape: [4], floats: random.values(4).map { $0 + 1.5 })
        builder.node("Conv", ["x", "w", "b"], "c")
        builder.node("BatchNormalization", ["c", "gamma", "beta", "mean", "var"], "n")
        builder.node("Relu", ["n"], "y")
        builder.output("y")
        let model = try OnnxModel(serializedData: try builder.serialized())
        let input = try Tensor(shape: [1, 3, 6, 6], data: random.values(108))
        let fused = try InferenceSession(model: model)
        #expect(fused.graph.layers.count == 1)
        let unfused = try CompiledGraph(model: model, optimize: false)
        #expect(unfused.layers.count == 3)
        // Run the unfused graph layer by layer through its plan.
        let plan = try ExecutionPlan(graph: unfused, inputShapes: ["x": [1, 3, 6, 6]], options: RunOptions())
        var values: [String: GraphValue] = ["x": .float(input)]
        var context = RunContext(options: RunOptions())
        for step in plan.steps {
            let layer = unfused.layers[step.layerIndex]
            var output = Tensor(shape: step.shape)
            try layer.run(layer.node.inputs.map { values[$0] ?? unfused.constants[$0] }, output: &output, context: &context)
            values[layer.node.outputs[0]] = .float(output)
        }
        guard case .float(let expected)? = values["y"] else { Issue.record("no output"); return }
        let actual = try #require(try fused.run(["x": input])["y"])
        #expect(Comparison.relativeError(actual.data, expected.data) <= Self.sgemmTolerance)
    }

    @Test func buffersAreReused() throws {
        // A chain of 12 elementwise nodes ping-pongs between two buffers instead of twelve.
        var builder = ModelBuilder(shape: [1, 64])
        var previous = "x"
        for index in 0..<12 {
            builder.node(index.isMultiple(of: 2) ? "Relu" : "Sigmoid", [previous], "v\(index)")
            previous = "v\(index)"
        }
        builder.output(previous)
        let session = try InferenceSession(model: try OnnxModel(serializedData: try builder.serialized()))
        let plan = try session.plan(inputShapes: ["x": [1, 64]], options: RunOptions())
        #expect(plan.steps.count == 12)
        #expect(plan.slotCount == 2)
    }
}
