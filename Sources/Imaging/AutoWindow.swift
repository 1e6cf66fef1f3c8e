// A window for files that state none: the 1st to 99.5th percentile of modality values inside
// the breast mask (DOMAIN.md), so air and burned-in labels do not set the contrast.
import MammoCore

public enum AutoWindow {
    public static let lowPercentile = 0.01
    public static let highPercentile = 0.995

    public static func compute(_ image: GrayImage<Float>, monochrome1: Bool = false) -> VOIWindow {
        let mask = BreastMask.compute(image, brightIsTissue: !monochrome1)
        var inside = [Float]()
        inside.reserveCapacity(image.pixels.count / 2)
        for i in image.pixels.indices where mask.pixels[i] { inside.append(image.pixels[i]) }
        // Too few tissue pixels (a tiny or blank image): use everything.
        if inside.count < max(16, image.pixels.count / 100) { inside = image.pixels }
        inside.sort()
        guard let first = inside.first, let last = inside.last else {
            return VOIWindow(center: 0.5, width: 1, explanation: "AUTO")
        }
        func percentile(_ p: Double) -> Double {
            Double(inside[min(max(Int((Double(inside.count - 1) * p).rounded()), 0), inside.count - 1)])
        }
        var low = percentile(lowPercentile), high = percentile(highPercentile)
        if high <= low { low = Double(first); high = Double(last) }
        if high <= low { high = low + 1 }
        return VOIWindow(center: (low + high) / 2, width: high - low, explanation: "AUTO")
    }
}
