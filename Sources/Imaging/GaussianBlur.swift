// A separable Gaussian blur with edges clamped: the smooth look of a lesion map (the truth
// overlay's heat map). Two 1-D passes cost O(radius) a pixel instead of O(radius²).
import Foundation
import MammoCore

public enum GaussianBlur {
    /// `image` blurred by a Gaussian of `sigma` pixels (kernel radius 3 sigma, weights summing
    /// to 1); pixels beyond an edge repeat the edge. A sigma below 0.01 returns the image as is.
    public static func blur(_ image: GrayImage<Float>, sigma: Double) -> GrayImage<Float> {
        guard sigma >= 0.01, image.width > 0, image.height > 0 else { return image }
        let k = kernel(sigma: sigma)
        let radius = k.count / 2
        var pass = image
        for y in 0..<image.height {
            for x in 0..<image.width {
                var sum: Float = 0
                for (i, weight) in k.enumerated() {
                    sum += image[min(max(x + i - radius, 0), image.width - 1), y] * weight
                }
                pass[x, y] = sum
            }
        }
        var out = pass
        for y in 0..<image.height {
            for x in 0..<image.width {
                var sum: Float = 0
                for (i, weight) in k.enumerated() {
                    sum += pass[x, min(max(y + i - radius, 0), image.height - 1)] * weight
                }
                out[x, y] = sum
            }
        }
        return out
    }

    /// The normalised 1-D weights from -radius to +radius, radius = ceil(3 sigma).
    public static func kernel(sigma: Double) -> [Float] {
        let radius = Int((sigma * 3).rounded(.up))
        let weights = (-radius...radius).map { Float(exp(-Double($0 * $0) / (2 * sigma * sigma))) }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }
}
