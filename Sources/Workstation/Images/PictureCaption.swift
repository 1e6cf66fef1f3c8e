// The lines a picture file carries above the images, as the screen's title bar does: the
// patient id, the exam date and the layout, and that this is not for diagnosis. A PNG shown
// out of context must still say whose exam it is and what it is for.
import Imaging
import MammoCore

public enum PictureCaption {
    /// `picture` under a black strip holding `lines`, in the picture font (upper case; a
    /// character it lacks shows blank), as large as the width allows (font pixels of 1 to 4).
    /// Text comes from DICOM: it is made printable here.
    /// The markers' neutral grey for what the lines say; the last line (the disclaimer) amber.
    static let text = RGBColor(grey: 235)
    static let warning = RGBColor(r: 230, g: 159, b: 0)

    public static func adding(_ lines: [String], above picture: ColorImage, maxStrip: Int = .max) -> ColorImage {
        let g = geometry(lines, width: picture.width, maxStrip: maxStrip)
        guard !g.lines.isEmpty else { return picture }
        var out = ColorImage(width: picture.width, height: picture.height + g.strip, repeating: RGBColor(grey: 0))
        out.paste(picture, x: 0, y: g.strip)
        for (i, line) in g.lines.enumerated() {
            OverlayCompositor.drawText(line, x: margin, y: margin + i * g.lineHeight, scale: g.scale,
                                       color: i == g.lines.count - 1 ? warning : text, on: &out)
        }
        return out
    }

    /// Rows the strip takes above a picture `width` pixels wide (0 without lines), the font made
    /// smaller to keep it within `maxStrip` where it can: a file of a given height makes its
    /// picture this much shorter.
    public static func stripHeight(_ lines: [String], width: Int, maxStrip: Int = .max) -> Int {
        geometry(lines, width: width, maxStrip: maxStrip).strip
    }

    static let margin = 8

    static func geometry(_ lines: [String], width: Int, maxStrip: Int) -> (lines: [String], scale: Int, lineHeight: Int, strip: Int) {
        let shown = lines.map { PrintableText.clean($0).uppercased() }.filter { !$0.isEmpty }
        guard !shown.isEmpty, width > 0 else { return ([], 1, 0, 0) }
        let widest = shown.map { BitmapFont.size(of: $0, scale: 1).width }.max() ?? 1
        // A line is 7 font pixels and 2 of spacing, plus 2 rows, per scale step.
        let byHeight = (maxStrip - margin - margin / 2 - 2 * shown.count) / max((BitmapFont.glyphHeight + 2) * shown.count, 1)
        let scale = max(1, min(4, (width - 2 * margin) / max(widest, 1), byHeight))
        let lineHeight = BitmapFont.glyphHeight * scale + 2 * scale + 2
        return (shown, scale, lineHeight, margin + lineHeight * shown.count + margin / 2)
    }
}
