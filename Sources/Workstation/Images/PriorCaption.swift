// The prior exam's caption drawn into the picture, in the band between the current set and the
// prior set hung under it, so the two rows cannot be taken for each other in sixel, PNG or cells
// (where the reading screen also writes it as text over the band).
import Imaging
import MammoCore

public enum PriorCaption {
    /// `text` ("PRIOR 2023-04-06") centred in `band`, as large as the band allows; nothing when
    /// even the smallest glyphs do not fit.
    public static func draw(_ text: String, in band: (x: Int, y: Int, width: Int, height: Int), on picture: inout ColorImage,
                            color: RGBColor) {
        let words = text.uppercased()
        var scale = 4
        while scale > 1 {
            let size = BitmapFont.size(of: words, scale: scale)
            if size.height + 2 <= band.height && size.width + 4 <= band.width { break }
            scale -= 1
        }
        let size = BitmapFont.size(of: words, scale: scale)
        guard size.height <= band.height, size.width <= band.width else { return }
        OverlayCompositor.drawText(words, x: band.x + (band.width - size.width) / 2, y: band.y + (band.height - size.height) / 2,
                                   scale: scale, color: color, on: &picture)
    }
}
