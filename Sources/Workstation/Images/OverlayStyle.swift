// How overlays look, from the theme: heat map, truth and AI outlines, annotation marks, and the
// detail kept when shrinking. Shared by every picture the render pipeline makes.
import Imaging
import MammoCore

/// How overlays look (from the theme).
public struct OverlayStyle: Sendable {
    public var heatmap = HeatmapStyle()
    public var malignantColor = RGBColor(r: 255, g: 64, b: 64)
    public var benignColor = RGBColor(r: 64, g: 220, b: 96)
    /// AI lesion boxes.
    public var aiColor = RGBColor(r: 255, g: 200, b: 0)
    public var lineWidth = 2
    /// Detail kept when shrinking (AreaDownsample.resizeKeepingDetail); 0 is plain averaging.
    public var detail: Float = 0.35
    /// Annotation marks: the annotator's own (the theme's reader colour), the cursor, another annotator's
    /// (the theme's warning colour), the selected one (selection foreground).
    public var readerColor = RGBColor(r: 64, g: 160, b: 255)
    public var cursorColor = RGBColor(r: 0, g: 229, b: 255)
    public var otherAnnotatorColor = RGBColor(r: 224, g: 160, b: 48)
    public var selectedColor = RGBColor(r: 255, g: 255, b: 255)
    /// View labels and scale bars in the pictures: a neutral light grey, as a film's lead marker
    /// shows, so colour in a picture still means an overlay (the protocols' tests rely on it).
    public var markerColor = RGBColor(grey: 235)

    public init() {}

    public init(theme: Theme) {
        heatmap = theme.overlay.heatmap
        malignantColor = theme.overlay.malignant
        benignColor = theme.overlay.benign
        aiColor = theme.overlay.ai
        readerColor = theme.overlay.reader
        cursorColor = theme.overlay.cursor
        otherAnnotatorColor = theme.ui.warning
        selectedColor = theme.ui.selectionForeground
    }

    /// The colour of an annotation mark: accepted marks in the benign (ground-truth) colour.
    public func annotationColor(_ role: AnnotationOverlay.Role) -> RGBColor {
        switch role {
        case .own: readerColor
        case .selected: selectedColor
        case .other: otherAnnotatorColor
        case .accepted: benignColor
        case .draft: cursorColor
        }
    }
}
