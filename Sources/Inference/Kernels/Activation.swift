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

    /// The same on 8 lanes (SSE registers on baseline x86-64); equal to the scalar form lane by lane.
    @inline(__always)
    func apply(_ x: SIMD8<Float>) -> SIMD8<Float> {
        switch self {
        case .none: x
        case .relu: x.replacing(with: SIMD8<Float>(), where: x .< SIMD8<Float>())
        case .leakyRelu(let alpha): x.replacing(with: alpha * x, where: x .< SIMD8<Float>())
        case .clip(let low, let high):
            x.replacing(with: SIMD8(repeating: low), where: x .< low).replacing(with: SIMD8(repeating: high), where: x .> high)
        case .sigmoid: SIMD8((0..<8).map { 1 / (1 + exp(-x[$0])) })
        }
    }

    /// Applies in place over `count` values; the switch is hoisted out of the loop.
    func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .none: return
        case .relu: Self.relu(values, count: count)
        case .leakyRelu(let alpha): for i in 0..<count { let x = values[i]; values[i] = x >= 0 ? x : alpha * x }
        case .clip(let low, let high): for i in 0..<count { values[i] = min(max(values[i], low), high) }
        case .sigmoid: for i in 0..<count { values[i] = 1 / (1 + exp(-values[i])) }
        }
    }

    /// ReLU 8 lanes at a time (the activation after nearly every conv), then the tail.
    @inline(__always)
    private static func relu(_ values: UnsafeMutablePointer<Float>, count: Int) {
        let raw = UnsafeMutableRawPointer(values)
        var i = 0
        while i + 8 <= count {
            let x = (raw + i * 4).loadUnaligned(as: SIMD8<Float>.self)
            (raw + i * 4).storeBytes(of: x.replacing(with: SIMD8<Float>(), where: x .< SIMD8<Float>()), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { values[i] = max(values[i], 0); i += 1 }
    }
}
