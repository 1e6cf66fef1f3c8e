// The terminal's size as TIOCGWINSZ reports it: cells always, pixels when the terminal fills
// them in (many leave ws_xpixel/ws_ypixel at 0).

public struct WindowSize: Hashable, Sendable {
    public var columns: Int
    public var rows: Int
    public var pixelWidth: Int
    public var pixelHeight: Int

    public init(columns: Int, rows: Int, pixelWidth: Int = 0, pixelHeight: Int = 0) {
        self.columns = columns; self.rows = rows; self.pixelWidth = pixelWidth; self.pixelHeight = pixelHeight
    }
}
