// A view's breast frame (nipple, chest wall, display "up"): measured once with the overview
// (DecodedView.measure, on a plain preview as the display windows it), what the location of a
// lesion in words is made from.
import MammoCore

extension ViewOverview {
    /// The frame, with `spacing` (the header's row and column spacing, where read) in place of the
    /// overview's mean; nil for a view hung as stored, or when no breast was found.
    public func breastFrame(spacing: PixelSpacing? = nil) -> BreastFrame? {
        guard var frame = breast else { return nil }
        if let spacing { frame.spacing = spacing }
        return frame
    }
}
