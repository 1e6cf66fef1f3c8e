// Which edge of an image the chest wall is on, judged from the pixels: the breast touches the
// chest-wall edge along its height, while the nipple side ends in air. For files whose
// PatientOrientation says nothing usable (CBIS-DDSM writes the view there instead).
import MammoCore

public enum ChestWall {
    public enum Edge: Sendable, Equatable { case left, right }

    /// Compares the share of tissue pixels in the outer 12% of columns on each side.
    public static func edge(of image: GrayImage<Float>, brightIsTissue: Bool = true) -> Edge {
        let mask = BreastMask.compute(image, brightIsTissue: brightIsTissue)
        let band = max(image.width * 12 / 100, 1)
        var left = 0, right = 0
        for y in 0..<image.height {
            let row = y * image.width
            for x in 0..<band where mask.pixels[row + x] { left += 1 }
            for x in (image.width - band)..<image.width where mask.pixels[row + x] { right += 1 }
        }
        return right >= left ? .right : .left
    }
}
