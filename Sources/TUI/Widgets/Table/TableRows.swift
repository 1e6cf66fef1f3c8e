// Where a table's text comes from: a row count and a cell provider, asked only for the rows on
// screen (and, when the sort changes, once per row for the sort column). The data stays with
// its owner; a 100k-row worklist is never copied into the widget.

public struct TableRows {
    public var count: Int
    /// Text of data row `row`, column `column`.
    public var cell: (_ row: Int, _ column: Int) -> String

    public init(count: Int, cell: @escaping (_ row: Int, _ column: Int) -> String) {
        self.count = count
        self.cell = cell
    }

    /// Rows held in memory as arrays of column texts.
    public init(_ rows: [[String]]) {
        self.init(count: rows.count) { r, c in c < rows[r].count ? rows[r][c] : "" }
    }
}
