// What the reading tools draw into one view's picture: the cursor's crosshair, the magnifier lens
// around it and the measured line with its length, all in the view's stored pixels. Part of the
// picture's key: moving the cursor makes a new picture (sixel resends it; the lens is rendered from
// the view already decoded, never from the file).
import MammoCore

public struct ToolOverlay: Hashable, Sendable {
    public var view: ViewKey
    /// The crosshair (nil: none drawn, as in annotation mode, which draws its own).
    public var cursor: PixelPoint?
    /// The lens's centre and magnification, while the magnifier is on.
    public var lens: PixelPoint?
    public var magnification = 2
    /// The line measured (or being measured), with its length.
    public var measurement: Measurement?

    public init(view: ViewKey, cursor: PixelPoint? = nil, lens: PixelPoint? = nil, magnification: Int = 2, measurement: Measurement? = nil) {
        self.view = view
        self.cursor = cursor
        self.lens = lens
        self.magnification = magnification
        self.measurement = measurement
    }
}
