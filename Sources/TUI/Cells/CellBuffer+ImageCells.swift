// Pictures encoded as text cells (TermGraphics' braille, half-block and ASCII grids) drawn into
// a buffer: they are ordinary cells, so the diff sends only what changed when the picture moves
// under a cursor or an overlay.
import TermGraphics

extension CellBuffer {
    /// Draws `grid` with its top-left cell at `origin`, clipped to `clip` (and the buffer).
    public mutating func draw(_ grid: ImageCellGrid, at origin: Point, clip: Rect? = nil) {
        let area = (clip ?? bounds).intersection(bounds)
        let target = Rect(x: origin.x, y: origin.y, width: grid.columns, height: grid.rows).intersection(area)
        guard !target.isEmpty else { return }
        for y in target.y..<target.maxY {
            let row = y - origin.y
            for x in target.x..<target.maxX {
                let cell = grid[x - origin.x, row]
                set(Cell(cell.character, foreground: TerminalColor(cell.foreground), background: TerminalColor(cell.background)),
                    x: x, y: y)
            }
        }
    }
}

extension TerminalColor {
    /// The TUI colour for an encoder's cell colour; nil is the terminal's default.
    public init(_ colour: CellColour?) {
        switch colour {
        case .rgb(let c)?: self = .rgb(c)
        case .indexed(let slot)?: self = .indexed(slot)
        case nil: self = .default
        }
    }
}
