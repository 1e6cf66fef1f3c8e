// Counting coloured cells of a recorded frame: how the overlay tests see whether the picture
// has an overlay's colour in it.
import MammoCore
import TUI

extension RecordedFrame {
    /// Foreground and background colours in `rect` that satisfy `matches`, counted.
    func colourCount(in rect: Rect, where matches: (RGBColor) -> Bool) -> Int {
        var count = 0
        for y in rect.y..<rect.maxY {
            for x in rect.x..<rect.maxX {
                let cell = buffer[x, y]
                for colour in [cell.foreground.rgbValue, cell.background.rgbValue].compactMap({ $0 }) where matches(colour) { count += 1 }
            }
        }
        return count
    }
}
