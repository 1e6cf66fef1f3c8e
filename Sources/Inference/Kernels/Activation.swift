// Pointwise activations that Conv and Gemm can apply in their epilogue instead of a separate pass.
import Foundation

enum Activation: Sendable, Equatable {
    case none
    case relu
    case leakyRelu(alpha: Float)
    case clip(min: Float, max: Float)
    case sigmoid

    @inline(__always)
    func apply(_ x: Float) -> Float {
        switch self {
        case .none: x
        case .relu: max(x, 0)
        case .leakyRelu(let alpha): x >= 0 ? x : alpha * x
        case .clip(let low, let high): min(max(x, low), high)
        case .sigmoid: 1 / (1 + exp(-x))
        }
    }

    /// Applies in place over `count` values; the switch is hoisted out of the loop.
    func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .none: return
        case .relu: for i in 0..<count { values[i] = max(values[i], 0) }
        case .leakyRelu(let alpha): for i in 0..<count { let x = values[i]; values[i] = x >= 0 ? x : alpha * x }
        case .clip(let low, let high): for i in 0..<count { values[i] = min(max(values[i], low), high) }
        case .sigmoid: for i in 0..<count { values[i] = 1 / (1 + exp(-values[i])) }
        }
    }
}
