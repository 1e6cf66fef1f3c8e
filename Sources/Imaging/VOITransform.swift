// Modality values to display values in 0...1: a window (LINEAR, LINEAR_EXACT, SIGMOID) or a
// VOI LUT, following PS3.3 C.11.2.1.2; MONOCHROME1 is inverted afterwards.
import Foundation
import MammoCore

public enum VOITransform {
    /// How the display value is chosen.
    public enum Mapping: Sendable, Equatable {
        case window(center: Double, width: Double, function: VOILUTFunction)
        case lut(LookupTable)
    }

    /// The file's first VOI LUT, else its first window, else nil (the caller picks a window).
    public static func mapping(from p: GrayscalePresentation) -> Mapping? {
        if let lut = p.voiLUTs.first { return .lut(lut) }
        if let w = p.windows.first { return .window(center: w.center, width: w.width, function: p.voiLUTFunction) }
        return nil
    }

    /// One value through a window, 0...1 (ymin = 0, ymax = 1).
    @inline(__always)
    public static func window(_ x: Double, center c: Double, width w: Double, function: VOILUTFunction) -> Double {
        switch function {
        case .linear:
            // C.11.2.1.2.1: width >= 1; centre and width are offset by 0.5 and 1.
            let w1 = max(w, 1) - 1
            if x <= c - 0.5 - w1 / 2 { return 0 }
            if x > c - 0.5 + w1 / 2 { return 1 }
            return w1 == 0 ? 1 : (x - (c - 0.5)) / w1 + 0.5
        case .linearExact:
            let we = max(w, .leastNonzeroMagnitude)
            if x <= c - we / 2 { return 0 }
            if x > c + we / 2 { return 1 }
            return (x - c) / we + 0.5
        case .sigmoid:
            return 1 / (1 + exp(-4 * (x - c) / max(w, .leastNonzeroMagnitude)))
        }
    }

    public static func apply(_ image: GrayImage<Float>, mapping: Mapping, monochrome1: Bool) -> GrayImage<Float> {
        switch mapping {
        case let .window(center, width, function):
            if function == .linear {
                // The hot path: precompute the affine form of the LINEAR window.
                let w1 = max(width, 1) - 1
                let low = Float(center - 0.5 - w1 / 2), high = Float(center - 0.5 + w1 / 2)
                let scale = w1 == 0 ? 0 : Float(1 / w1), offset = Float(0.5 - (center - 0.5) / max(w1, 1))
                return image.map { x in
                    let y: Float = x <= low ? 0 : (x > high ? 1 : (w1 == 0 ? 1 : x * scale + offset))
                    return monochrome1 ? 1 - y : y
                }
            }
            return image.map { x in
                let y = Float(window(Double(x), center: center, width: width, function: function))
                return monochrome1 ? 1 - y : y
            }
        case let .lut(lut):
            let scale = 1 / Float(max(lut.maxOutput, 1))
            return image.map { x in
                let y = x.isFinite ? min(Float(lut.value(at: Int(max(min(x.rounded(), 1e9), -1e9)))) * scale, 1) : 0
                return monochrome1 ? 1 - y : y
            }
        }
    }
}
