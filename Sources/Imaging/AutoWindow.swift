// A window for files that state none: the 1st to 99.5th percentile of modality values inside
// the breast mask (DOMAIN.md), so air and burned-in labels do not set the contrast; the dense
// and fatty presets come from the same values (BreastWindows).
import MammoCore

public enum AutoWindow {
    public static func compute(_ image: GrayImage<Float>, monochrome1: Bool = false) -> VOIWindow {
        breastWindows(image, monochrome1: monochrome1).breast
    }

    /// The automatic window and the dense and fatty presets, from one look at the breast's values.
    public static func breastWindows(_ image: GrayImage<Float>, monochrome1: Bool = false) -> BreastWindows {
        let mask = BreastMask.compute(image, brightIsTissue: !monochrome1)
        var inside = [Float]()
        inside.reserveCapacity(image.pixels.count / 2)
        for i in image.pixels.indices where mask.pixels[i] { inside.append(image.pixels[i]) }
        // Too few tissue pixels (a tiny or blank image): use everything.
        if inside.count < max(16, image.pixels.count / 100) { inside = image.pixels }
        // One sort for every percentile (a preview is small: 256 x 256 at most).
        return BreastWindows(sortedTissue: inside.sorted(), monochrome1: monochrome1)
    }
}
