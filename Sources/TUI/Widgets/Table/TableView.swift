// A table widget: renders a `TableState` with its columns and rows into a rectangle (header with
// sort marks, the rows on screen, a scrollbar), and turns keys and mouse events into state
// changes. Rendering asks the row provider for the visible rows only. Not Sendable: the rows are
// a closure over their owner's data, made for one frame.

public struct TableView: StatefulWidget {
    public struct Style: Hashable, Sendable {
        public var header: CellStyle
        public var row: CellStyle
        public var selected: CellStyle
        /// The selection while another pane has the focus: visible, but quieter.
        public var selectedUnfocused: CellStyle
        public var scrollbarTrack: CellStyle
        public var scrollbarThumb: CellStyle
        public var empty: CellStyle

        public init(header: CellStyle = CellStyle(attributes: [.bold, .underline]), row: CellStyle = .plain,
                    selected: CellStyle = .reverse, selectedUnfocused: CellStyle = CellStyle(attributes: [.underline]),
                    scrollbarTrack: CellStyle = .dim, scrollbarThumb: CellStyle = .plain, empty: CellStyle = .dim) {
            self.header = header
            self.row = row
            self.selected = selected
            self.selectedUnfocused = selectedUnfocused
            self.scrollbarTrack = scrollbarTrack
            self.scrollbarThumb = scrollbarThumb
            self.empty = empty
        }
    }

    /// What a handled event did, for the owner to act on.
    public enum Outcome: Hashable, Sendable {
        case ignored
        /// Selection or scrolling changed.
        case moved
        /// Enter (or a click on the selected row) on this data row.
        case activated(dataRow: Int)
        /// The sort changed and the rows were re-sorted.
        case sorted
    }

    public var columns: [TableColumn]
    /// What the rows say; events take the rows apart (`handle(_:state:rows:in:)`), so a table made
    /// only to handle a key can leave this empty.
    public var rows: TableRows
    /// Whether the selection shows as focused (`Style.selected`) or quieter.
    public var focused: Bool
    public var style: Style
    public var showsHeader: Bool
    public var showsScrollbar: Bool
    public var emptyText: String

    public init(columns: [TableColumn], rows: TableRows = TableRows([]), focused: Bool = true, style: Style = Style(),
                showsHeader: Bool = true, showsScrollbar: Bool = true, emptyText: String = "No rows") {
        self.columns = columns
        self.rows = rows
        self.focused = focused
        self.style = style
        self.showsHeader = showsHeader
        self.showsScrollbar = showsScrollbar
        self.emptyText = emptyText
    }

    /// Rows of `rect` that show data (the rect minus the header): the page size for keys.
    public func bodyRect(in rect: Rect) -> Rect {
        showsHeader ? Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1) : rect
    }

    /// Column rectangles (one row high, at the top of `rect`) after the width rules.
    public func columnRects(in rect: Rect, rowCount: Int) -> [Rect] {
        let body = bodyRect(in: rect)
        let width = rect.width - (scrollbarVisible(rowCount: rowCount, viewport: body.height) ? 1 : 0)
        var x = rect.x
        return LayoutConstraint.sizes(columns.map(\.width), length: width, spacing: 1).map { w in
            defer { x += w + 1 }
            return Rect(x: x, y: rect.y, width: w, height: 1)
        }
    }

    func scrollbarVisible(rowCount: Int, viewport: Int) -> Bool {
        showsScrollbar && viewport > 0 && rowCount > viewport
    }

    public func render(into buffer: inout CellBuffer, in rect: Rect, state: TableState) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, with: Cell(" ", style: style.row))
        let body = bodyRect(in: rect)
        let cols = columnRects(in: rect, rowCount: state.rowCount)
        if showsHeader {
            buffer.fill(rect.row(0), with: Cell(" ", style: style.header))
            for (i, column) in columns.enumerated() where i < cols.count {
                var title = column.title
                if let sort = state.sort, sort.column == i {
                    title = title.truncated(toWidth: cols[i].width - 2) + " " + String(sort.indicator)
                }
                buffer.write(title, in: cols[i], alignment: column.alignment, style: style.header)
            }
        }
        guard !body.isEmpty else { return }
        if state.rowCount == 0 {
            buffer.write(emptyText, in: body.row(0), alignment: .center, style: style.empty)
            return
        }
        let visible = state.visibleRows(viewport: body.height)
        for displayRow in visible {
            let y = body.y + displayRow - visible.lowerBound
            let isSelected = displayRow == state.selectedRow
            let rowStyle = isSelected ? (focused ? style.selected : style.selectedUnfocused) : style.row
            let line = Rect(x: body.x, y: y, width: cols.last.map { $0.maxX - body.x } ?? body.width, height: 1)
            buffer.fill(line, with: Cell(" ", style: rowStyle))
            let dataRow = state.dataRow(at: displayRow)
            for (i, column) in columns.enumerated() where i < cols.count && cols[i].width > 0 {
                let r = Rect(x: cols[i].x, y: y, width: cols[i].width, height: 1)
                buffer.write(rows.cell(dataRow, i), in: r, alignment: column.alignment, style: rowStyle)
            }
        }
        if scrollbarVisible(rowCount: state.rowCount, viewport: body.height) {
            drawScrollbar(visible: visible, rowCount: state.rowCount, into: &buffer, in: body.right(1))
        }
    }

    /// A one-column track with a thumb whose size and place show the visible share.
    func drawScrollbar(visible: Range<Int>, rowCount: Int, into buffer: inout CellBuffer, in track: Rect) {
        let h = track.height
        guard h > 0, rowCount > 0 else { return }
        let thumb = max(1, h * visible.count / rowCount)
        let scrollable = max(rowCount - visible.count, 1)
        let top = (h - thumb) * visible.lowerBound / scrollable
        for i in 0..<h {
            let onThumb = i >= top && i < top + thumb
            buffer.set(Cell(onThumb ? "┃" : "│", style: onThumb ? style.scrollbarThumb : style.scrollbarTrack),
                       x: track.x, y: track.y + i)
        }
    }
}
