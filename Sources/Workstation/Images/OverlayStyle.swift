// How overlays look, from the theme: heat map, truth and AI outlines, annotation marks, and the
// detail kept when shrinking. Shared by every picture the render pipeline makes.
import Imaging
import MammoCore

/// How overlays look (from the theme).
public struct OverlayStyle: Sendable {
    public var heatmap = HeatmapStyle()
    /// Ground truth: Okabe–Ito vermillion and sky blue, apart on the blue–yellow axis that every
    /// common colour-vision type keeps (never a red/green pair).
    public var malignantColor = RGBColor(r: 213, g: 94, b: 0)
    public var benignColor = RGBColor(r: 86, g: 180, b: 233)
    /// AI lesion boxes and their numbers (Okabe–Ito yellow).
    public var aiColor = RGBColor(r: 240, g: 228, b: 66)
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

    /// A ground-truth outline's colour: benign in its own, malignant or unknown in the malignant one.
    public func truthColor(malignant: Bool?) -> RGBColor {
        malignant == false ? benignColor : malignantColor
    }

    /// How an AI box of `band` is drawn in a picture `pictureWidth` pixels across: high solid and
    /// a pixel thicker, medium dashed, low in short dots a pixel thinner (never under two pixels:
    /// squeezing to a terminal's pixel shape drops single rows). Dashes grow with the picture, so
    /// they stay dashes in sixel and in braille alike.
    public func aiLine(_ band: AIScoreBands.Band, pictureWidth: Int) -> (thickness: Int, dash: LineDash) {
        let unit = min(max(pictureWidth / 160, 1), 4)
        switch band {
        case .high: return (lineWidth + 1, .solid)
        case .medium: return (lineWidth, LineDash(on: 6 * unit, off: 4 * unit))
        case .low: return (max(lineWidth - 1, 2), LineDash(on: 2 * unit, off: 4 * unit))
        }
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
