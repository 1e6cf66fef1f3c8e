// Which pixels are breast rather than air: Otsu's threshold on the modality values. Auto
// windows come from inside this mask, never from the whole image (air and labels dominate it).
import MammoCore

public enum BreastMask {
    /// True for tissue. `brightIsTissue` is false for MONOCHROME1 data, where tissue is low.
    public static func compute(_ image: GrayImage<Float>, brightIsTissue: Bool = true) -> GrayImage<Bool> {
        guard let threshold = otsuThreshold(image.pixels) else {
            return GrayImage(width: image.width, height: image.height, repeating: true)
        }
        return image.map { brightIsTissue ? $0 > threshold : $0 < threshold }
    }

    /// Otsu's method over a 1024-bin histogram; nil for a constant image.
    public static func otsuThreshold(_ values: [Float]) -> Float? {
        guard let lo = values.min(), let hi = values.max(), hi > lo else { return nil }
        let bins = 1024
        let scale = Float(bins - 1) / (hi - lo)
        var histogram = [Double](repeating: 0, count: bins)
        for v in values { histogram[Int((v - lo) * scale)] += 1 }
        let total = Double(values.count)
        var sumAll = 0.0
        for (i, h) in histogram.enumerated() { sumAll += Double(i) * h }
        var weightBelow = 0.0, sumBelow = 0.0, best = -1.0, bestIndex = 0
        for i in 0..<bins {
            weightBelow += histogram[i]
            if weightBelow == 0 { continue }
            let weightAbove = total - weightBelow
            if weightAbove == 0 { break }
            sumBelow += Double(i) * histogram[i]
            let meanBelow = sumBelow / weightBelow, meanAbove = (sumAll - sumBelow) / weightAbove
            let between = weightBelow * weightAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove)
            if between > best { best = between; bestIndex = i }
        }
        return lo + (Float(bestIndex) + 0.5) / scale
    }
}
