// BatchNormalization in inference mode, reduced at load time to a per-channel scale and shift
// (y = x * scale + shift); GraphOptimizer folds it into a preceding Conv where it can.
import Foundation

struct BatchNormLayer: Layer {
    var node: NodeInfo
    /// [C] gamma / sqrt(var + epsilon)
    var scale: [Float]
    /// [C] beta - mean * scale
    var shift: [Float]

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        // training_mode=1 would update statistics, which inference never does.
        try node.requireOnly(["epsilon", "momentum", "training_mode"])
        guard node.int("training_mode", default: 0) == 0 else { throw InferenceError.unsupported(node, "training_mode=1") }
        guard node.outputs.count == 1 else { throw InferenceError.unsupported(node, "running-statistics outputs") }
        let epsilon = node.float("epsilon", default: 1e-5)
        var parameters: [[Float]] = []
        for index in 1...4 {
            guard let name = node.input(index), case .float(let t)? = constants[name] else {
                throw InferenceError.unsupported(node, "scale/bias/mean/var that are not constant initializers")
            }
            parameters.append(t.data)
        }
        let (gamma, beta, mean, variance) = (parameters[0], parameters[1], parameters[2], parameters[3])
        guard Set([gamma.count, beta.count, mean.count, variance.count]).count == 1 else {
            throw InferenceError.invalid(node, "scale, bias, mean and var differ in length")
        }
        scale = zip(gamma, variance).map { $0 / sqrt($1 + epsilon) }
        shift = (0..<gamma.count).map { beta[$0] - mean[$0] * gamma[$0] / sqrt(variance[$0] + epsilon) }
        self.node = node
        self.node.inputs = [node.inputs[0]]
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let shape = try shapeOf(inputs, 0)
        guard shape.count >= 2, shape[1] == scale.count else {
            throw InferenceError.invalid(node, "input \(shape) does not have \(scale.count) channels on axis 1")
        }
        return shape
    }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let input = try floatInput(inputs, 0) // [N, C, ...]
        let channels = scale.count
        let plane = input.shape.count > 2 ? input.shape[2...].reduce(1, *) : 1
        for n in 0..<input.shape[0] {
            for c in 0..<channels {
                let base = (n * channels + c) * plane
                let (s, b) = (scale[c], shift[c])
                for i in base..<(base + plane) { output.data[i] = input.data[i] * s + b }
            }
        }
    }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int { 2 * output.elementCount }
}
