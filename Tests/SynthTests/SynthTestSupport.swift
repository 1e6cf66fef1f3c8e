// Shared helpers for the Synth tests: a few fixed anatomies and image statistics.
import MammoCore
@testable import Synth

enum SynthTestSupport {
    static let size = DetectorSize.small

    static func anatomy(seed: UInt64 = 11, side: Side, density: BreastDensity = .b) -> BreastAnatomy {
        BreastAnatomy(patientSeed: seed, side: side, density: density, fieldHeightMM: size.fieldHeightMM)
    }

    static func render(_ key: ViewKey, seed: UInt64 = 11, density: BreastDensity = .b, lesions: [LesionSpec] = []) -> RenderedView {
        MammogramRenderer(size: size).render(anatomy: anatomy(seed: seed, side: key.side, density: density),
                                             view: key.view, lesions: lesions, noiseSeed: seed)
    }

    /// Mean stored value over a rectangle of pixels (clipped to the image).
    static func mean(_ image: GrayImage<UInt16>, x: Int, y: Int, width: Int, height: Int) -> Double {
        var sum = 0.0, n = 0
        for yy in max(0, y)..<min(image.height, y + height) {
            for xx in max(0, x)..<min(image.width, x + width) {
                sum += Double(image[xx, yy])
                n += 1
            }
        }
        return n > 0 ? sum / Double(n) : 0
    }

    /// Even-odd rule point-in-polygon test.
    static func contains(_ polygon: [PixelPoint], _ x: Double, _ y: Double) -> Bool {
        var inside = false
        var j = polygon.count - 1
        for i in polygon.indices {
            let a = polygon[i], b = polygon[j]
            if (a.y > y) != (b.y > y), x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }
}
