// A lesion's box from a region-of-interest mask (CBIS-DDSM's ROI mask images): the bounds of its
// non-zero pixels, in the mask's pixel frame (which is the full image's when their sizes agree).
import MammoCore

public enum RegionOfInterestMask {
    /// Bounds of the non-zero pixels (a pixel [x, x+1) x [y, y+1)), nil when the mask is empty.
    public static func bounds(_ mask: GrayImage<Int32>) -> PixelBox? {
        var x0 = Int.max, y0 = Int.max, x1 = -1, y1 = -1
        for y in 0..<mask.height {
            let row = y * mask.width
            for x in 0..<mask.width where mask.pixels[row + x] != 0 {
                x0 = min(x0, x); x1 = max(x1, x); y0 = min(y0, y); y1 = max(y1, y)
            }
        }
        guard x1 >= 0 else { return nil }
        return PixelBox(x: Double(x0), y: Double(y0), width: Double(x1 - x0 + 1), height: Double(y1 - y0 + 1))
    }
}
