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

    /// The AI's boxes by band, then each listed one's number above its outer top corner (inside
    /// the box's corner where the picture's top edge leaves no room). Numbers go on last, so a
    /// neighbouring box's line never cuts one.
    static func drawAIMarks(_ ai: AIViewOverlay, of view: ViewOverview, crop: Crop, on picture: inout ColorImage, style: OverlayStyle) {
        let size = picture.size
        // At least two font pixels a glyph pixel: a number stays legible in braille's 2x4 dots.
        let scale = max(ViewMarkers.textScale(width: size.width), 2)
        // Lower bands first: a strong mark is never cut by a faint one's dots.
        let order: [AIScoreBands.Band] = [.low, .medium, .high]
        var labels: [(text: String, x: Int, y: Int)] = []
        for band in order {
            let (thickness, dash) = style.aiLine(band, pictureWidth: size.width)
            for n in ai.findings where ai.bands.band(n.finding.score) == band {
                let corners = n.finding.box.corners.map { displayPoint($0, of: view, crop: crop, size: size) }
                OverlayCompositor.drawPolygon(corners, on: &picture, color: style.aiColor, thickness: thickness, dash: dash)
                guard let number = ai.label(n) else { continue }
                let xs = corners.map(\.x), ys = corners.map(\.y)
                // A box far off the picture (untrusted numbers) gets no label rather than a trap on Int().
                guard let left = xs.min(), let top = ys.min(),
                      [left, top].allSatisfy({ $0.isFinite && abs($0) < 1e7 }) else { continue }
                let text = String(number)
                let extent = BitmapFont.size(of: text, scale: scale)
                let gap = thickness + 2
                let above = Int(top.rounded(.down)) - gap - extent.height
                let x0 = Int(left.rounded(.down)) + (above >= 0 ? 0 : gap)
                let x = min(max(x0, 0), max(size.width - extent.width, 0))
                labels.append((text, x, above >= 0 ? above : max(Int(top.rounded(.down)), 0) + gap))
            }
        }
        for label in labels {
            // On a dark tag: a line or the map under the number never reads as part of it.
            let extent = BitmapFont.size(of: label.text, scale: scale)
            OverlayCompositor.fill(x: label.x - 1, y: label.y - 1, width: extent.width + 2, height: extent.height + 2,
                                   color: RGBColor(grey: 0), on: &picture)
            OverlayCompositor.drawText(label.text, x: label.x, y: label.y, scale: scale, color: style.aiColor, on: &picture)
        }
    }
}
