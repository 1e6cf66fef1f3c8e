// Which pixels are breast rather than air: Otsu's threshold on the modality values. Auto
// windows come from inside this mask, never from the whole image (air and labels dominate it).
import MammoCore

public enum BreastMask {
    /// True for tissue: above Otsu's threshold and part of the largest connected region, so
    /// burned-in labels and markers in the air are left out. `brightIsTissue` is false for
    /// MONOCHROME1 data, where tissue is low.
    public static func compute(_ image: GrayImage<Float>, brightIsTissue: Bool = true) -> GrayImage<Bool> {
        guard let threshold = otsuThreshold(image.pixels) else {
            return GrayImage(width: image.width, height: image.height, repeating: true)
        }
        return largestRegion(image.map { brightIsTissue ? $0 > threshold : $0 < threshold })
    }

    /// Keeps the largest 4-connected region of true pixels.
    public static func largestRegion(_ mask: GrayImage<Bool>) -> GrayImage<Bool> {
        let w = mask.width, h = mask.height
        var label = [Int32](repeating: 0, count: w * h)
        var sizes: [Int] = [0]
        var stack: [Int] = []
        for start in 0..<(w * h) where mask.pixels[start] && label[start] == 0 {
            let id = Int32(sizes.count)
            var size = 0
            label[start] = id
            stack.append(start)
            while let i = stack.popLast() {
                size += 1
                let x = i % w, y = i / w
                for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)] where nx >= 0 && nx < w && ny >= 0 && ny < h {
                    let n = ny * w + nx
                    if mask.pixels[n] && label[n] == 0 { label[n] = id; stack.append(n) }
                }
            }
            sizes.append(size)
        }
        guard let largest = sizes.indices.dropFirst().max(by: { sizes[$0] < sizes[$1] }) else { return mask }
        return GrayImage(width: w, height: h, pixels: label.map { $0 == Int32(largest) })
    }

    /// Otsu's method over a 1024-bin histogram spanning the 0.5th to 99th percentile, so a
    /// small very bright label or a few dead pixels cannot stretch the scale; nil when flat.
    public static func otsuThreshold(_ values: [Float]) -> Float? {
        guard !values.isEmpty else { return nil }
        // Percentiles from a strided sample: exact enough for a histogram range, and cheap.
        let step = max(values.count / 65536, 1)
        var sample = [Float]()
        sample.reserveCapacity(values.count / step + 1)
        for i in stride(from: 0, to: values.count, by: step) { sample.append(values[i]) }
        sample.sort()
        let lo = sample[Int(Double(sample.count - 1) * 0.005)], hi = sample[Int(Double(sample.count - 1) * 0.99)]
        guard hi > lo, lo.isFinite, hi.isFinite else { return nil }
        let bins = 1024
        let scale = Float(bins - 1) / (hi - lo)
        var histogram = [Double](repeating: 0, count: bins)
        for v in values where !v.isNaN { histogram[Int((min(max(v, lo), hi) - lo) * scale)] += 1 }
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
