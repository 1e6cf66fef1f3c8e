// Softmax along one axis (opset 13 semantics: only that axis, not the flattened tail).
import Foundation

struct SoftmaxLayer: Layer {
    var node: NodeInfo
    var axisAttribute: Int

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        try node.requireOnly(["axis"])
        self.node = node
        axisAttribute = node.int("axis", default: -1)
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let shape = try shapeOf(inputs, 0)
        _ = try axis(axisAttribute, rank: shape.count)
        return shape
    }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let input = try floatInput(inputs, 0)
        let shape = input.shape
        let a = try axis(axisAttribute, rank: shape.count)
        let length = shape.isEmpty ? 1 : shape[a]
        let inner = shape.isEmpty ? 1 : shape[(a + 1)...].reduce(1, *)
        let outer = input.count / max(1, length * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * length * inner + i
                var peak = -Float.infinity
                for k in 0..<length { peak = max(peak, input.data[base + k * inner]) }
                var sum: Float = 0
                for k in 0..<length {
                    let e = exp(input.data[base + k * inner] - peak) // minus the max: no overflow
                    output.data[base + k * inner] = e
                    sum += e
                }
                for k in 0..<length { output.data[base + k * inner] /= sum }
            }
        }
    }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int { 3 * output.elementCount }
}
