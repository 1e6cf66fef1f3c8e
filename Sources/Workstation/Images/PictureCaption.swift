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

    public static func adding(_ lines: [String], above picture: ColorImage) -> ColorImage {
        let shown = lines.map { PrintableText.clean($0).uppercased() }.filter { !$0.isEmpty }
        guard !shown.isEmpty, picture.width > 0 else { return picture }
        let margin = 8
        let widest = shown.map { BitmapFont.size(of: $0, scale: 1).width }.max() ?? 1
        let scale = max(1, min(4, (picture.width - 2 * margin) / max(widest, 1)))
        let lineHeight = BitmapFont.glyphHeight * scale + 2 * scale + 2
        let strip = margin + lineHeight * shown.count + margin / 2
        var out = ColorImage(width: picture.width, height: picture.height + strip, repeating: RGBColor(grey: 0))
        out.paste(picture, x: 0, y: strip)
        for (i, line) in shown.enumerated() {
            OverlayCompositor.drawText(line, x: margin, y: margin + i * lineHeight, scale: scale,
                                       color: i == shown.count - 1 ? warning : text, on: &out)
        }
        return out
    }
}
