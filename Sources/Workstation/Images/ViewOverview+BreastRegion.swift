// "Fit to breast": the part of a view worth the screen, the breast mask's bounding box as the
// view is displayed (chest wall toward the middle), reaching the chest-wall edge and with a small
// margin past the nipple and the skin line, so nothing of the breast is cut.
import Imaging
import MammoCore

extension ViewOverview {
    /// Margin around the breast, as a fraction of the view's size.
    static let breastMargin = 0.03

    /// The breast's region of the displayed view from a preview of its modality values; the whole
    /// view when no breast is found or the view is hung as stored (`side` nil).
    static func breastRegion(of preview: GrayImage<Float>, monochrome1: Bool, side: Side?,
                             flipHorizontal: Bool, flipVertical: Bool) -> NormalizedRegion {
        guard let side, preview.width > 1, preview.height > 1 else { return .whole }
        let mask = BreastMask.compute(preview, brightIsTissue: !monochrome1)
        var minX = Int.max, maxX = -1, minY = Int.max, maxY = -1
        for y in 0..<mask.height {
            for x in 0..<mask.width where mask[x, y] {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard maxX >= minX, maxY >= minY else { return .whole }
        let w = Double(mask.width), h = Double(mask.height)
        // Stored-orientation fractions, then as displayed.
        var x0 = Double(minX) / w, x1 = Double(maxX + 1) / w
        var y0 = Double(minY) / h, y1 = Double(maxY + 1) / h
        if flipHorizontal { (x0, x1) = (1 - x1, 1 - x0) }
        if flipVertical { (y0, y1) = (1 - y1, 1 - y0) }
        // The chest-wall edge stays in: a right view's is its right edge as displayed.
        if side == .right { x1 = 1 } else { x0 = 0 }
        let m = breastMargin
        x0 = max(0, x0 - m); x1 = min(1, x1 + m); y0 = max(0, y0 - m); y1 = min(1, y1 + m)
        // A mask covering nearly all of the view (no air found) is no crop.
        guard (x1 - x0) * (y1 - y0) < 0.98 else { return .whole }
        return NormalizedRegion(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}
