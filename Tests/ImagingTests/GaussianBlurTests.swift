// The separable blur against a direct 2-D convolution (the definition), and the properties the
// truth map leans on: mass kept away from edges, a flat image left flat, peaks centred.
import Foundation
import Imaging
import MammoCore
import Testing

@Suite("Gaussian blur")
struct GaussianBlurTests {
    /// The 2-D sum over the clamped neighbourhood with weights exp(-(dx²+dy²)/2σ²), normalised.
    static func direct(_ image: GrayImage<Float>, sigma: Double) -> GrayImage<Float> {
        let radius = Int((sigma * 3).rounded(.up))
        var total = 0.0
        for dy in -radius...radius { for dx in -radius...radius { total += exp(-Double(dx * dx + dy * dy) / (2 * sigma * sigma)) } }
        var out = image
        for y in 0..<image.height {
            for x in 0..<image.width {
                var sum = 0.0
                for dy in -radius...radius {
                    for dx in -radius...radius {
                        let sx = min(max(x + dx, 0), image.width - 1), sy = min(max(y + dy, 0), image.height - 1)
                        sum += Double(image[sx, sy]) * exp(-Double(dx * dx + dy * dy) / (2 * sigma * sigma))
                    }
                }
                out[x, y] = Float(sum / total)
            }
        }
        return out
    }

    @Test(arguments: [0.8, 1.0, 2.5])
    func matchesTheDirectConvolution(sigma: Double) {
        var image = GrayImage<Float>(width: 23, height: 17, repeating: 0)
        var state: UInt32 = 12345
        for i in image.pixels.indices {
            state = state &* 1_103_515_245 &+ 12345
            image.pixels[i] = Float(state >> 16 & 0xFF) / 255
        }
        let fast = GaussianBlur.blur(image, sigma: sigma), slow = Self.direct(image, sigma: sigma)
        let worst = zip(fast.pixels, slow.pixels).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-5, "largest difference \(worst)")
    }

    @Test func keepsMassFlatnessAndCentre() {
        var impulse = GrayImage<Float>(width: 31, height: 31, repeating: 0)
        impulse[15, 15] = 1
        let blurred = GaussianBlur.blur(impulse, sigma: 2)
        #expect(abs(blurred.pixels.reduce(0, +) - 1) < 1e-4)
        #expect(blurred.pixels.max() == blurred[15, 15])
        #expect(blurred[15, 15] < 0.1)
        #expect(abs(blurred[12, 15] - blurred[18, 15]) < 1e-6 && abs(blurred[15, 12] - blurred[15, 18]) < 1e-6)
        let flat = GaussianBlur.blur(GrayImage<Float>(width: 9, height: 5, repeating: 0.25), sigma: 3)
        #expect(flat.pixels.allSatisfy { abs($0 - 0.25) < 1e-6 })
        #expect(GaussianBlur.kernel(sigma: 1).count == 7)
    }
}
