// The standard four-view hanging protocol as one raster: RCC | LCC over RMLO | LMLO, right
// views flushed right and left views flushed left so the chest walls meet in the middle; and
// one view alone in its area, against its chest-wall edge the same way.
import MammoCore

public enum HangingCanvas {
    /// The tile size each view is fitted into.
    public static func tileSize(canvasWidth: Int, canvasHeight: Int, gap: Int) -> PixelSize {
        PixelSize(width: max((canvasWidth - gap) / 2, 1), height: max((canvasHeight - gap) / 2, 1))
    }

    /// Composes already-fitted, already-oriented views (grey or colour). A missing view leaves its
    /// tile as background.
    public static func compose<Pixel: Sendable>(
        _ views: [ViewKey: GrayImage<Pixel>], canvasWidth: Int, canvasHeight: Int, gap: Int = 8, background: Pixel
    ) -> GrayImage<Pixel> {
        var canvas = GrayImage<Pixel>(width: canvasWidth, height: canvasHeight, repeating: background)
        let tile = tileSize(canvasWidth: canvasWidth, canvasHeight: canvasHeight, gap: gap)
        for (index, key) in ViewKey.screening.enumerated() {
            guard let image = views[key] else { continue }
            let column = index % 2, row = index / 2
            let tileX = column == 0 ? 0 : tile.width + gap
            let tileY = row == 0 ? 0 : tile.height + gap
            // Right views sit against the tile's right edge, left views against its left edge.
            let x0 = key.side == .right ? tileX + tile.width - image.width : tileX
            let y0 = tileY + (tile.height - image.height) / 2
            canvas.paste(image, x: x0, y: y0, columns: tileX..<(tileX + tile.width), rows: tileY..<(tileY + tile.height))
        }
        return canvas
    }

    /// One already-fitted, already-oriented view in a canvas of `size`: a right view against the
    /// right edge, a left one against the left (nil: centred), centred vertically.
    public static func single<Pixel: Sendable>(_ image: GrayImage<Pixel>?, in size: PixelSize, against side: Side?,
                                               background: Pixel) -> GrayImage<Pixel> {
        var canvas = GrayImage<Pixel>(width: size.width, height: size.height, repeating: background)
        guard let image else { return canvas }
        let x0: Int
        switch side {
        case .right?: x0 = size.width - image.width
        case .left?: x0 = 0
        case nil: x0 = (size.width - image.width) / 2
        }
        canvas.paste(image, x: x0, y: (size.height - image.height) / 2)
        return canvas
    }
}
