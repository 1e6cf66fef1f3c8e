// The overlays of one view: the AI's map (at the reader's opacity, filled or as contours) and its
// boxes, numbered as the findings panel lists them and drawn by score band (solid thick, dashed,
// thin dots); the ground truth's outlines, cased in black, in its colour-blind-safe pair (and its
// own map when the AI's is off). Both at once: the AI map first, then the truth outlines, then the AI boxes
// and numbers on top, so every number stays readable.
import Imaging
import MammoCore

extension ViewRenderer {
    static func drawOverlays(_ layers: OverlaySelection, truth: TruthOverlay?, ai: AIViewOverlay?, of view: ViewOverview, crop: Crop,
                             on picture: inout ColorImage, style: OverlayStyle) {
        let size = picture.size
        let aiShown = layers.ai ? ai : nil
        if let aiShown {
            drawMap(aiShown.heat, of: view, crop: crop, on: &picture, heatmap: layers.heatmap(style.heatmap))
        } else if layers.truth, let truth {
            // Two maps would blur into one: the truth's only while the AI's is off.
            drawMap(truth.heat, of: view, crop: crop, on: &picture, heatmap: style.heatmap)
        }
        if layers.truth, let truth {
            for mark in truth.marks {
                let outline = mark.outline.map { displayPoint($0, of: view, crop: crop, size: size) }
                // A dark casing first: the outline stays apart from the AI map's contours and wash.
                OverlayCompositor.drawPolygon(outline, on: &picture, color: RGBColor(grey: 0), thickness: style.lineWidth + 2)
                OverlayCompositor.drawPolygon(outline, on: &picture, color: style.truthColor(malignant: mark.malignant),
                                              thickness: style.lineWidth)
            }
        }
        if let aiShown { drawAIMarks(aiShown, of: view, crop: crop, on: &picture, style: style) }
    }

    /// The AI's boxes by band, each listed one with its number above its outer top corner (below
    /// the box where the picture's top edge leaves no room).
    static func drawAIMarks(_ ai: AIViewOverlay, of view: ViewOverview, crop: Crop, on picture: inout ColorImage, style: OverlayStyle) {
        let size = picture.size
        let scale = ViewMarkers.textScale(width: size.width)
        // Lower bands first: a strong mark is never cut by a faint one's dots.
        let order: [AIScoreBands.Band] = [.low, .medium, .high]
        for band in order {
            let (thickness, dash) = style.aiLine(band, pictureWidth: size.width)
            for n in ai.findings where ai.bands.band(n.finding.score) == band {
                let corners = n.finding.box.corners.map { displayPoint($0, of: view, crop: crop, size: size) }
                OverlayCompositor.drawPolygon(corners, on: &picture, color: style.aiColor, thickness: thickness, dash: dash)
                guard let number = ai.label(n) else { continue }
                let xs = corners.map(\.x), ys = corners.map(\.y)
                // A box far off the picture (untrusted numbers) gets no label rather than a trap on Int().
                guard let left = xs.min(), let top = ys.min(), let bottom = ys.max(),
                      [left, top, bottom].allSatisfy({ $0.isFinite && abs($0) < 1e7 }) else { continue }
                let text = String(number)
                let extent = BitmapFont.size(of: text, scale: scale)
                let gap = thickness + 2
                let above = Int(top.rounded(.down)) - gap - extent.height
                let y = above >= 0 ? above : Int(bottom.rounded(.up)) + gap
                let x = min(max(Int(left.rounded(.down)), 0), max(size.width - extent.width, 0))
                OverlayCompositor.drawText(text, x: x, y: y, scale: scale, color: style.aiColor, on: &picture)
            }
        }
    }
}
