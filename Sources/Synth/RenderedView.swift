// One synthetic mammogram as stored (standard orientation), with its display window and where
// each lesion is in its pixel coordinates.
import MammoCore

public struct RenderedView: Sendable {
    public var viewKey: ViewKey
    /// 12-bit values (0...4095), MONOCHROME2, chest wall on the right for right breasts.
    public var image: GrayImage<UInt16>
    public var pixelSpacingMM: Double
    /// A LINEAR VOI window from the tissue histogram (1st to 99.8th percentile inside the breast).
    public var windowCenter: Double
    public var windowWidth: Double
    public var lesions: [LesionViewAnnotation]
}
