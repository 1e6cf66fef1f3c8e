// Where one lesion lies in one rendered view, in that view's stored pixel coordinates.
import MammoCore

/// A lesion's place in one view, pixel coordinates (origin at the top-left pixel's corner).
public struct LesionViewAnnotation: Sendable, Equatable {
    public var lesionID: String
    public var box: PixelBox
    public var outline: [PixelPoint]
}
