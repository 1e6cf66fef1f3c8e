// The demo's state: a worklist table with a filter field, a details panel, help and a quit
// dialog. Everything the screen shows comes from here.
import MammoCore
import TUI

struct DemoState: Equatable, Sendable {
    var size: Size
    var rows: DemoRows
    /// Data rows passing the filter; nil while there is no filter.
    var filtered: [Int]?
    var table: TableState
    var filter = ""
    var filterInput: TextInputState?
    var showsHelp = false
    var quitDialog: ModalState?
    var status = "Ready"
    var picture = DemoPicture.none
    /// A cell's size in pixels, for sixel pictures.
    var cellPixels = PixelSize(width: 10, height: 20)
    var done = false

    init(size: Size, rowCount: Int) {
        self.size = size
        self.rows = DemoRows(count: rowCount)
        self.table = TableState(rowCount: rowCount)
    }

    /// The table's view of the data: filtered rows map back to data rows.
    var tableRows: TableRows {
        let rows = self.rows
        if let filtered {
            return TableRows(count: filtered.count) { r, c in rows.cell(filtered[r], c) }
        }
        return TableRows(count: rows.count) { r, c in rows.cell(r, c) }
    }

    var selectedDataRow: Int? {
        guard let r = table.selectedDataRow else { return nil }
        return filtered.map { $0[r] } ?? r
    }
}
