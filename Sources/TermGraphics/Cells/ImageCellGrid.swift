// An image encoded as text cells (braille, half blocks, ASCII), row-major: what the TUI places
// in its cell buffer, or `sgrLines()` turns into escape-coded text.

public struct ImageCellGrid: Hashable, Sendable {
    public let columns: Int
    public let rows: Int
    /// `cells[row * columns + column]`.
    public private(set) var cells: [ImageCell]

    public init(columns: Int, rows: Int, cells: [ImageCell]) {
        precondition(cells.count == columns * rows, "ImageCellGrid: \(cells.count) cells for \(columns)x\(rows)")
        self.columns = columns; self.rows = rows; self.cells = cells
    }

    public subscript(column: Int, row: Int) -> ImageCell {
        get { cells[row * columns + column] }
        set { cells[row * columns + column] = newValue }
    }

    /// One row's cells.
    public func row(_ r: Int) -> ArraySlice<ImageCell> { cells[(r * columns)..<((r + 1) * columns)] }

    /// The characters only, one string per row (what `tmux capture-pane -p` shows).
    public var text: [String] { (0..<rows).map { String(row($0).map(\.character)) } }
}
