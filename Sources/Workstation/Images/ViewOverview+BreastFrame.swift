// A view's breast frame (nipple, chest wall, display "up"), measured on a small copy of its
// overview as the display windows it: what the location of a lesion in words is made from.
import Imaging
import MammoCore

extension ViewOverview {
    /// nil for a view hung as stored (no slot), or when no breast is found. `spacing` overrides
    /// the overview's mean spacing (the header's row and column spacing, where read).
    public func breastFrame(spacing: PixelSpacing? = nil) -> BreastFrame? {
        guard let key else { return nil }
        let size = AreaDownsample.fittingSize(width: image.width, height: image.height, maxWidth: 256, maxHeight: 256)
        let preview = AreaDownsample.resize(image, to: size)
        let shown = VOITransform.apply(preview, mapping: baseMapping, monochrome1: presentation.monochrome1)
        return BreastFrame.measure(shown.pixels, width: shown.width, height: shown.height, stored: storedSize, side: key.side,
                                   position: key.view, flipHorizontal: flipHorizontal, flipVertical: flipVertical,
                                   spacing: spacing ?? pixelSpacing.map { PixelSpacing(row: $0, column: $0) })
    }
}
