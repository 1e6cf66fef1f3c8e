// Everything a reading-screen picture depends on: two equal keys give the same bytes, which
// is what the picture cache and the "is this frame's picture already on its way?" check use.
import MammoCore
import TUI

public struct PictureKey: Hashable, Sendable {
    public var studyUID: String
    public var layout: ReadingLayout
    /// The image area in cells.
    public var cells: Size
    public var window: WindowAdjustment
    public var invert: Bool
    public var overlay: OverlaySelection
    public var zoom: ZoomState
    /// Annotation marks and cursor (the annotation screen; nil elsewhere).
    public var annotations: AnnotationOverlay?
    /// The reading tools' cursor, lens and measured line on the view they act on (nil: none shown).
    public var tools: ToolOverlay?
    /// How many views the study had when the picture was made: a study still arriving from an
    /// archive gets a new picture as each view is filed.
    public var views: Int = 0
    /// Fit to breast (`f`): each view cropped to its breast, the views of the picture at one scale.
    public var fitToBreast = false

    public init(studyUID: String, layout: ReadingLayout, cells: Size, window: WindowAdjustment = WindowAdjustment(),
                invert: Bool = false, overlay: OverlaySelection = .none, zoom: ZoomState = ZoomState(),
                annotations: AnnotationOverlay? = nil, views: Int = 0) {
        self.annotations = annotations
        self.views = views
        self.studyUID = studyUID
        self.layout = layout
        self.cells = cells
        self.window = window
        self.invert = invert
        self.overlay = overlay
        self.zoom = zoom
    }

    /// This key with fit to breast on or off.
    public func fitting(toBreast fit: Bool) -> PictureKey {
        var key = self
        key.fitToBreast = fit
        return key
    }
}
