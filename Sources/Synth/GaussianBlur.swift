// Separable Gaussian blur of a row-major image of doubles, edges clamped: a detector's point
// spread and the spatial correlation of its noise.
import Foundation

enum GaussianBlur {
    /// Normalised 1-D weights out to 3 sigma.
    static func kernel(sigma: Double) -> [Double] {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var weights = (-radius...radius).map { x in exp(-Double(x * x) / (2 * sigma * sigma)) }
        let total = weights.reduce(0, +)
        for i in weights.indices { weights[i] /= total }
        return weights
    }

    /// Blurs in place; returns the variance a unit white-noise image keeps after it.
    @discardableResult
    static func apply(_ image: inout [Double], width: Int, height: Int, sigma: Double) -> Double {
        guard sigma > 0, width > 0, height > 0, image.count == width * height else { return 1 }
        let weights = kernel(sigma: sigma)
        let radius = weights.count / 2
        var rowsDone = [Double](repeating: 0, count: image.count)
        image.withUnsafeBufferPointer { source in
            rowsDone.withUnsafeMutableBufferPointer { target in
                guard let input = source.baseAddress, let output = target.baseAddress else { return }
                // Chunks own disjoint rows of the output.
                Parallel.forEachChunk(height) { rows in
                    for y in rows {
                        let row = y * width
                        for x in 0..<width {
                            var sum = 0.0
                            for k in 0..<weights.count {
                                let xx = min(width - 1, max(0, x + k - radius))
                                sum += weights[k] * input[row + xx]
                            }
                            output[row + x] = sum
                        }
                    }
                }
            }
        }
        rowsDone.withUnsafeBufferPointer { source in
            image.withUnsafeMutableBufferPointer { target in
                guard let input = source.baseAddress, let output = target.baseAddress else { return }
                Parallel.forEachChunk(height) { rows in
                    for y in rows {
                        for x in 0..<width {
                            var sum = 0.0
                            for k in 0..<weights.count {
                                let yy = min(height - 1, max(0, y + k - radius))
                                sum += weights[k] * input[yy * width + x]
                            }
                            output[y * width + x] = sum
                        }
                    }
                }
            }
        }
        let squares = weights.reduce(0) { $0 + $1 * $1 }
        return squares * squares
    }
}
