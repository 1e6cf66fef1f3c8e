// Sorting a table: computes the display order once per sort change, keeping the selected data
// row selected. O(n log n) in rows, with one cell lookup per row.

extension TableState {
    /// Sorts by `sort` using each row's text in the sort column (see `TableSort.Key`); nil
    /// restores data order. Equal keys keep data order, so sorting is stable both ways. Empty
    /// cells come last in both directions: a descending sort by score shows the highest
    /// scores first, not the studies without one.
    public mutating func sort(_ sort: TableSort?, rows: TableRows, viewport: Int) {
        guard let sort else { applyOrder(nil, sort: nil, viewport: viewport); return }
        setRowCount(rows.count)
        let keys = (0..<rows.count).map { TableSort.Key(rows.cell($0, sort.column)) }
        sortIndices(sort, viewport: viewport, isEmpty: { keys[$0] == .empty }) { keys[$0] < keys[$1] }
    }

    /// Sorts with the owner's own ordering of data rows (for columns whose text does not sort
    /// the right way, such as BI-RADS "4A" < "4B" < "5").
    public mutating func sort(_ sort: TableSort, viewport: Int, by areInIncreasingOrder: (Int, Int) -> Bool) {
        sortIndices(sort, viewport: viewport, areInIncreasingOrder)
    }

    private mutating func sortIndices(_ sort: TableSort, viewport: Int, isEmpty: (Int) -> Bool = { _ in false },
                                      _ less: (Int, Int) -> Bool) {
        let indices = Array(0..<rowCount).sorted { a, b in
            let emptyA = isEmpty(a), emptyB = isEmpty(b)
            if emptyA != emptyB { return emptyB }
            if sort.ascending {
                if less(a, b) { return true }
                if less(b, a) { return false }
            } else {
                if less(b, a) { return true }
                if less(a, b) { return false }
            }
            return a < b
        }
        applyOrder(indices, sort: sort, viewport: viewport)
    }

    private mutating func applyOrder(_ newOrder: [Int]?, sort newSort: TableSort?, viewport: Int) {
        let selectedData = selectedDataRow
        order = newOrder
        sort = newSort
        guard let selectedData else { return }
        let display: Int
        if let newOrder {
            display = newOrder.firstIndex(of: selectedData) ?? 0
        } else {
            display = selectedData
        }
        // Centre the kept selection: after a re-sort its neighbours are all new anyway.
        setOffsetCentering(display, viewport: viewport)
    }

    private mutating func setOffsetCentering(_ row: Int, viewport: Int) {
        let v = max(viewport, 1)
        let centred = min(max(row - v / 2, 0), max(rowCount - v, 0))
        offset = centred
        select(row, viewport: viewport)
    }
}
