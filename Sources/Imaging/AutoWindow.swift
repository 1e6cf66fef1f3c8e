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
        guard var low = percentile(inside, lowPercentile), var high = percentile(inside, highPercentile) else {
            return VOIWindow(center: 0.5, width: 1, explanation: "AUTO")
        }
        if high <= low, let lo = inside.min(), let hi = inside.max() { low = Double(lo); high = Double(hi) }
        if high <= low { high = low + 1 }
        return VOIWindow(center: (low + high) / 2, width: high - low, explanation: "AUTO")
    }

    /// The p-quantile by selection (no full sort); nil for no values.
    static func percentile(_ values: [Float], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        var copy = values
        let k = min(max(Int((Double(copy.count - 1) * p).rounded()), 0), copy.count - 1)
        return Double(select(&copy, k))
    }

    /// Hoare's quickselect: the k-th smallest value, O(n) on average.
    static func select(_ a: inout [Float], _ k: Int) -> Float {
        var lo = 0, hi = a.count - 1
        while lo < hi {
            let pivot = a[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
        }
        return a[k]
    }
}
