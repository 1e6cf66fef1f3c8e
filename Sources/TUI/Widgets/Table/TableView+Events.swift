// The table's reducer: keys move the selection and change the sort; the mouse selects, sorts
// by a clicked header and scrolls with the wheel.
//
// Keys: ↑/k ↓/j, PgUp/PgDn (Ctrl-B/Ctrl-F), Ctrl-U/Ctrl-D half a page, Home/g End/G,
// Enter opens, < and > sort by the previous/next column, r reverses the sort.

extension TableView {
    /// The keys this table understands, for help screens.
    public static let keyHints: [KeyHint] = [
        KeyHint("↑↓ j k", "move"), KeyHint("PgUp PgDn", "page"), KeyHint("g G", "first / last"),
        KeyHint("Enter", "open"), KeyHint("< >", "sort column"), KeyHint("r", "reverse sort"),
    ]

    /// Applies `event` to `state` for a table drawn in `rect`.
    public func handle(_ event: Event, state: inout TableState, rows: TableRows, in rect: Rect) -> Outcome {
        state.setRowCount(rows.count)
        let page = max(bodyRect(in: rect).height, 1)
        switch event {
        case .key(let key): return handle(key, state: &state, rows: rows, page: page)
        case .mouse(let mouse): return handle(mouse, state: &state, rows: rows, in: rect)
        case .resize: return .ignored
        }
    }

    func handle(_ key: Key, state: inout TableState, rows: TableRows, page: Int) -> Outcome {
        let before = state
        switch key {
        case .up, .character("k"): state.moveSelection(by: -1, viewport: page)
        case .down, .character("j"): state.moveSelection(by: 1, viewport: page)
        case .pageUp, .control("b"): state.moveSelection(by: -page, viewport: page)
        case .pageDown, .control("f"): state.moveSelection(by: page, viewport: page)
        case .control("u"): state.moveSelection(by: -max(page / 2, 1), viewport: page)
        case .control("d"): state.moveSelection(by: max(page / 2, 1), viewport: page)
        case .home, .character("g"): state.select(0, viewport: page)
        case .end, .character("G"): state.select(state.rowCount - 1, viewport: page)
        case .enter:
            guard let row = state.selectedDataRow else { return .ignored }
            return .activated(dataRow: row)
        case .character("<"), .character(">"):
            guard let column = nextSortableColumn(after: state.sort?.column, forward: key == .character(">")) else { return .ignored }
            state.sort(TableSort(column: column, ascending: columns[column].firstSortAscending), rows: rows, viewport: page)
            return .sorted
        case .character("r"):
            guard let sort = state.sort else { return .ignored }
            state.sort(TableSort(column: sort.column, ascending: !sort.ascending), rows: rows, viewport: page)
            return .sorted
        default:
            return .ignored
        }
        return state == before ? .ignored : .moved
    }

    func handle(_ mouse: MouseEvent, state: inout TableState, rows: TableRows, in rect: Rect) -> Outcome {
        let body = bodyRect(in: rect)
        let page = max(body.height, 1)
        switch mouse.kind {
        case .wheelUp:
            state.scroll(by: -3, viewport: page)
            return .moved
        case .wheelDown:
            state.scroll(by: 3, viewport: page)
            return .moved
        case .press(.left):
            if showsHeader && mouse.position.y == rect.y && rect.contains(mouse.position) {
                let cols = columnRects(in: rect, rowCount: state.rowCount)
                // A click in the gap after a column counts for that column.
                guard let column = cols.lastIndex(where: { $0.x <= mouse.position.x }),
                      columns[column].isSortable else { return .ignored }
                let ascending = state.sort?.column == column ? !(state.sort?.ascending ?? false) : columns[column].firstSortAscending
                state.sort(TableSort(column: column, ascending: ascending), rows: rows, viewport: page)
                return .sorted
            }
            guard body.contains(mouse.position) else { return .ignored }
            let visible = state.visibleRows(viewport: page)
            let row = visible.lowerBound + mouse.position.y - body.y
            guard visible.contains(row) else { return .ignored }
            if row == state.selectedRow { return .activated(dataRow: state.dataRow(at: row)) }
            state.select(row, viewport: page)
            return .moved
        default:
            return .ignored
        }
    }

    /// The sortable column before or after `column` (nil: none yet), wrapping around.
    func nextSortableColumn(after column: Int?, forward: Bool) -> Int? {
        let n = columns.count
        guard n > 0 else { return nil }
        var c = column ?? (forward ? -1 : n)
        for _ in 0..<n {
            c = ((c + (forward ? 1 : -1)) % n + n) % n
            if columns[c].isSortable { return c }
        }
        return nil
    }
}
