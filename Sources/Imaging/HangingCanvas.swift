// The hanging protocol as one raster: the standard RCC | LCC over RMLO | LMLO, or any layout's
// arrangement (HangingArrangement), right views flushed right and left views flushed left so the
// chest walls meet; and one view alone in its area, against its chest-wall edge the same way.
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
        let canvas = PixelSize(width: canvasWidth, height: canvasHeight)
        let arrangement = HangingArrangement(.grid, prior: false, canvas: canvas, gap: gap)
        var slotted: [HangingArrangement.Slot: GrayImage<Pixel>] = [:]
        for slot in arrangement.slots { slotted[slot] = views[slot.view] }
        return compose(slotted, arrangement, canvas: canvas, gap: gap, background: background)
    }

    /// Composes the views of any layout, each in its slot's tile: right views against the tile's
    /// right edge, left views against its left edge (so each pair's chest walls meet), centred
    /// vertically and clipped to the tile. `setGap` parts the current set from the prior's.
    public static func compose<Pixel: Sendable>(
        _ views: [HangingArrangement.Slot: GrayImage<Pixel>], _ arrangement: HangingArrangement, canvas size: PixelSize,
        gap: Int, setGap: Int = 0, background: Pixel
    ) -> GrayImage<Pixel> {
        var canvas = GrayImage<Pixel>(width: size.width, height: size.height, repeating: background)
        let tile = arrangement.tileSize(canvas: size, gap: gap, setGap: setGap)
        for slot in arrangement.slots {
            guard let image = views[slot] else { continue }
            let (tileX, tileY) = arrangement.origin(of: slot, canvas: size, gap: gap, setGap: setGap)
            let (x0, y0) = origin(of: slot, size: PixelSize(width: image.width, height: image.height), arrangement,
                                  canvas: size, gap: gap, setGap: setGap)
            canvas.paste(image, x: x0, y: y0, columns: tileX..<(tileX + tile.width), rows: tileY..<(tileY + tile.height))
        }
        return canvas
    }

    /// Where `compose` puts a view `image` big in `slot`'s tile: a right view against the tile's
    /// right edge, a left one against its left (the chest walls meet), centred vertically.
    public static func origin(of slot: HangingArrangement.Slot, size image: PixelSize, _ arrangement: HangingArrangement,
                              canvas size: PixelSize, gap: Int, setGap: Int = 0) -> (x: Int, y: Int) {
        let tile = arrangement.tileSize(canvas: size, gap: gap, setGap: setGap)
        let (tileX, tileY) = arrangement.origin(of: slot, canvas: size, gap: gap, setGap: setGap)
        return (slot.view.side == .right ? tileX + tile.width - image.width : tileX, tileY + (tile.height - image.height) / 2)
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
