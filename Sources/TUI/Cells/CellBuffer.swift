// A screen's worth of cells (or any off-screen rectangle of them): what widgets draw into and
// what backends show. Writes outside the buffer are dropped, never trapped.

public struct CellBuffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major: `cells[y * width + x]`.
    public internal(set) var cells: [Cell]

    public init(width: Int, height: Int, filling cell: Cell = .blank) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        self.cells = Array(repeating: cell, count: self.width * self.height)
    }

    public init(size: Size, filling cell: Cell = .blank) {
        self.init(width: size.width, height: size.height, filling: cell)
    }

    public var size: Size { Size(width: width, height: height) }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); a blank for positions outside.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0 && x < width && y >= 0 && y < height else { return .blank }
            return cells[y * width + x]
        }
        set { set(newValue, x: x, y: y) }
    }

    /// Puts one cell, keeping wide characters whole: overwriting either half of a wide
    /// character blanks its other half, so no half-character is ever left behind to confuse
    /// the terminal's cursor.
    public mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0 && x < width && y >= 0 && y < height else { return }
        let i = y * width + x
        breakWideCharacter(at: i, x: x)
        cells[i] = cell
    }

    /// Fills `rect` (clipped to the buffer) with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            // Edges may cut wide characters that straddle them; the interior is overwritten whole.
            breakWideCharacter(at: y * width + r.x, x: r.x)
            breakWideCharacter(at: y * width + r.maxX - 1, x: r.maxX - 1)
            let start = y * width
            for x in r.x..<r.maxX { cells[start + x] = cell }
        }
    }

    /// Sets the style of every cell in `rect`, keeping the characters (a selection highlight).
    public mutating func setStyle(_ style: CellStyle, in rect: Rect) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].style = style }
        }
    }

    /// Copies `other` with its top-left corner at `origin`, clipped.
    public mutating func blit(_ other: CellBuffer, at origin: Point) {
        for y in 0..<other.height {
            for x in 0..<other.width { set(other.cells[y * other.width + x], x: origin.x + x, y: origin.y + y) }
        }
    }

    /// If cell `i` belongs to a wide character, blanks the half that is not at `i`.
    mutating func breakWideCharacter(at i: Int, x: Int) {
        let cell = cells[i]
        if cell.isContinuation {
            if x > 0 { cells[i - 1] = Cell(" ", style: cells[i - 1].style) }
        } else if cell.character.terminalWidth == 2, x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(" ", style: cells[i + 1].style)
        }
    }
}
