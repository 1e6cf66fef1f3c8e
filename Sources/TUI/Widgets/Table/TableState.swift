// A table's state: how many rows, which one is selected, which rows are on screen, and the sort
// order. Every operation here costs O(1) or O(rows on screen), except sorting, which runs
// only when the sort changes; this is what keeps a 100k-row table smooth.

public struct TableState: Hashable, Sendable {
    public internal(set) var rowCount: Int
    /// Selected row in display order (after sorting); nil when the table is empty.
    public internal(set) var selectedRow: Int?
    /// First row on screen, in display order.
    public internal(set) var offset: Int
    public internal(set) var sort: TableSort?
    /// Display row → data row; nil while unsorted (the identity).
    public internal(set) var order: [Int]?
    /// Rows kept visible above and below the selection while moving, so the reader sees what
    /// comes next; the view scrolls a row at a time instead of jumping a page.
    public var scrollMargin: Int

    public init(rowCount: Int = 0, scrollMargin: Int = 2) {
        self.rowCount = max(rowCount, 0)
        self.selectedRow = rowCount > 0 ? 0 : nil
        self.offset = 0
        self.scrollMargin = max(scrollMargin, 0)
    }

    /// The data row shown at display row `row`.
    public func dataRow(at row: Int) -> Int {
        guard let order, row >= 0, row < order.count else { return row }
        return order[row]
    }

    public var selectedDataRow: Int? { selectedRow.map { dataRow(at: $0) } }

    /// The data changed size: the selection is clamped, and an old sort order (which no longer
    /// covers the rows) is dropped until `sort(_:rows:)` runs again.
    public mutating func setRowCount(_ count: Int) {
        let n = max(count, 0)
        guard n != rowCount else { return }
        rowCount = n
        if order != nil { order = nil }
        selectedRow = n == 0 ? nil : min(selectedRow ?? 0, n - 1)
        offset = min(offset, max(n - 1, 0))
    }

    /// Selects display row `row` (clamped) and scrolls as little as possible to show it with
    /// `scrollMargin` rows of context in a viewport of `viewport` rows.
    public mutating func select(_ row: Int, viewport: Int) {
        guard rowCount > 0 else { selectedRow = nil; offset = 0; return }
        let r = min(max(row, 0), rowCount - 1)
        selectedRow = r
        offset = Self.offset(keeping: r, from: offset, viewport: viewport, rowCount: rowCount, margin: scrollMargin)
    }

    public mutating func moveSelection(by delta: Int, viewport: Int) {
        select((selectedRow ?? 0) + delta, viewport: viewport)
    }

    /// Scrolls the view (mouse wheel); the selection moves along only as far as needed to stay
    /// on screen, so the reader never loses it.
    public mutating func scroll(by delta: Int, viewport: Int) {
        let v = max(viewport, 1)
        offset = min(max(offset + delta, 0), max(rowCount - v, 0))
        guard let s = selectedRow else { return }
        let margin = min(scrollMargin, (v - 1) / 2)
        let low = offset == 0 ? 0 : offset + margin
        let high = offset + v - 1 >= rowCount - 1 ? rowCount - 1 : offset + v - 1 - margin
        if s < low { selectedRow = min(low, rowCount - 1) } else if s > high { selectedRow = max(high, 0) }
    }

    /// Rows to draw in a viewport of `viewport` rows: starts at `offset`, corrected so the
    /// selection is on screen even if the viewport changed size since the last key.
    public func visibleRows(viewport: Int) -> Range<Int> {
        guard rowCount > 0, viewport > 0 else { return 0..<0 }
        let start = selectedRow.map { Self.offset(keeping: $0, from: offset, viewport: viewport, rowCount: rowCount, margin: scrollMargin) }
            ?? min(offset, max(rowCount - viewport, 0))
        return start..<min(start + viewport, rowCount)
    }

    /// The smallest move of `offset` that shows `row` with `margin` rows around it, never
    /// scrolling past the last row (no empty space at the bottom while rows remain above).
    static func offset(keeping row: Int, from offset: Int, viewport: Int, rowCount: Int, margin: Int) -> Int {
        let v = max(viewport, 1)
        let m = min(margin, (v - 1) / 2)
        var o = offset
        if row - m < o { o = row - m }
        if row + m > o + v - 1 { o = row + m - v + 1 }
        return min(max(o, 0), max(rowCount - v, 0))
    }
}
