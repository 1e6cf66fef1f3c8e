// The table widget: drawing, keys, sorting, scrolling and selection, and 100k rows drawn by
// asking only for the rows on screen.
import Testing
@testable import TUI

/// A table of `count` synthetic worklist rows whose provider records every row it is asked for.
final class ProbedRows {
    var asked: [Int] = []
    let count: Int
    init(count: Int) { self.count = count }

    var rows: TableRows {
        TableRows(count: count) { [unowned self] r, c in
            self.asked.append(r)
            switch c {
            case 0: return String(r + 1)
            case 1: return "Patient \(r + 1)"
            default: return String((r * 7) % 6)
            }
        }
    }
}

@Suite struct TableTests {
    let view = TableView(columns: [
        TableColumn("#", width: .fixed(4), alignment: .right),
        TableColumn("Patient", width: .fill),
        TableColumn("BI-RADS", width: .fixed(7), alignment: .right),
    ])

    /// The table showing `rows`.
    func with(_ rows: TableRows, focused: Bool = true) -> TableView {
        var table = view
        table.rows = rows
        table.focused = focused
        return table
    }

    func render(_ state: TableState, _ rows: TableRows, width: Int = 30, height: Int = 6) -> [String] {
        var b = CellBuffer(width: width, height: height)
        with(rows).render(into: &b, in: b.bounds, state: state)
        return b.lines
    }

    @Test func drawsHeaderRowsAndScrollbar() {
        let probe = ProbedRows(count: 10)
        let lines = render(TableState(rowCount: 10), probe.rows)
        #expect(lines == [
            "   # Patient          BI-RADS ",
            "   1 Patient 1              0┃",
            "   2 Patient 2              1┃",
            "   3 Patient 3              2│",
            "   4 Patient 4              3│",
            "   5 Patient 5              4│",
        ])
    }

    @Test func selectionIsReversedAndHeaderIsBold() {
        let probe = ProbedRows(count: 3)
        var b = CellBuffer(width: 30, height: 6)
        var state = TableState(rowCount: 3)
        state.select(1, viewport: 5)
        with(probe.rows).render(into: &b, in: b.bounds, state: state)
        #expect(b[0, 0].attributes.contains(.bold))
        #expect(b[10, 2].attributes.contains(.reverse))
        #expect(!b[10, 1].attributes.contains(.reverse))
        // Unfocused: still marked, without the reverse bar.
        with(probe.rows, focused: false).render(into: &b, in: b.bounds, state: state)
        #expect(b[10, 2].attributes == .underline)
        // No scrollbar when everything fits.
        #expect(b.line(1) == "   1 Patient 1               0")
    }

    @Test func emptyTableSaysSo() {
        let lines = render(TableState(rowCount: 0), TableRows([]))
        #expect(lines[1] == "           No rows            ")
    }

    @Test func keysMoveAndScrollOneRowAtATime() {
        let probe = ProbedRows(count: 20)
        var state = TableState(rowCount: 20, scrollMargin: 1)
        let rect = Rect(x: 0, y: 0, width: 30, height: 6)  // 5 visible rows
        for _ in 0..<3 { _ = view.handle(.key(.down), state: &state, rows: probe.rows, in: rect) }
        #expect(state.selectedRow == 3)
        #expect(state.offset == 0)
        // The fifth row needs one row of context below: the view moves by one.
        _ = view.handle(.key(.character("j")), state: &state, rows: probe.rows, in: rect)
        #expect(state.selectedRow == 4 && state.offset == 1)
        #expect(render(state, probe.rows)[1].hasPrefix("   2 Patient 2"))
        #expect(view.handle(.key(.end), state: &state, rows: probe.rows, in: rect) == .moved)
        #expect(state.selectedRow == 19 && state.offset == 15)
        #expect(view.handle(.key(.end), state: &state, rows: probe.rows, in: rect) == .ignored)
        _ = view.handle(.key(.pageUp), state: &state, rows: probe.rows, in: rect)
        #expect(state.selectedRow == 14)
        _ = view.handle(.key(.character("g")), state: &state, rows: probe.rows, in: rect)
        #expect(state.selectedRow == 0 && state.offset == 0)
        #expect(view.handle(.key(.up), state: &state, rows: probe.rows, in: rect) == .ignored)
        #expect(view.handle(.key(.enter), state: &state, rows: probe.rows, in: rect) == .activated(dataRow: 0))
    }

    @Test func sortsByAnyColumnBothWaysWithIndicator() {
        let data = [["3", "Carol", "4A"], ["1", "alice", "2"], ["10", "Bob", "5"], ["2", "dave", "1"]]
        let rows = TableRows(data)
        var state = TableState(rowCount: 4)
        let rect = Rect(x: 0, y: 0, width: 30, height: 6)
        #expect(view.handle(.key(.character(">")), state: &state, rows: rows, in: rect) == .sorted)
        #expect(state.sort == TableSort(column: 0, ascending: true))
        // Numbers by value, not as text ("10" after "3").
        #expect((0..<4).map { state.dataRow(at: $0) } == [1, 3, 0, 2])
        #expect(render(state, rows)[0] == " # ▲ Patient           BI-RADS")
        _ = view.handle(.key(.character(">")), state: &state, rows: rows, in: rect)
        // Text case-insensitively.
        #expect((0..<4).map { rows.cell(state.dataRow(at: $0), 1) } == ["alice", "Bob", "Carol", "dave"])
        _ = view.handle(.key(.character("r")), state: &state, rows: rows, in: rect)
        #expect((0..<4).map { rows.cell(state.dataRow(at: $0), 1) } == ["dave", "Carol", "Bob", "alice"])
        #expect(render(state, rows)[0] == "   # Patient ▼         BI-RADS")
        // Back past the first column wraps to the last.
        _ = view.handle(.key(.character("<")), state: &state, rows: rows, in: rect)
        _ = view.handle(.key(.character("<")), state: &state, rows: rows, in: rect)
        #expect(state.sort?.column == 2)
        // A title too long for its column and the mark is cut, the mark kept.
        #expect(render(state, rows)[0] == "   # Patient           BI-R… ▲")
    }

    @Test func sortKeepsTheSelectedRowSelected() {
        let rows = TableRows([["b"], ["c"], ["a"]])
        let single = TableView(columns: [TableColumn("Name")])
        var state = TableState(rowCount: 3)
        let rect = Rect(x: 0, y: 0, width: 10, height: 4)
        state.select(1, viewport: 3)  // "c"
        _ = single.handle(.key(.character(">")), state: &state, rows: rows, in: rect)
        #expect(state.selectedDataRow == 1)
        #expect(state.selectedRow == 2)
    }

    @Test func sortIsStableForEqualKeys() {
        let rows = TableRows([["x", "1"], ["y", "0"], ["z", "1"], ["w", "0"]])
        var state = TableState(rowCount: 4)
        state.sort(TableSort(column: 1, ascending: true), rows: rows, viewport: 4)
        #expect((0..<4).map { state.dataRow(at: $0) } == [1, 3, 0, 2])
        state.sort(TableSort(column: 1, ascending: false), rows: rows, viewport: 4)
        #expect((0..<4).map { state.dataRow(at: $0) } == [0, 2, 1, 3])
        state.sort(nil, rows: rows, viewport: 4)
        #expect(state.order == nil && state.sort == nil)
    }

    @Test func aColumnCanSortDescendingFirstWithEmptyCellsLast() {
        let rows = TableRows([["a", "0.2"], ["b", ""], ["c", "0.9"], ["d", "0.5"]])
        let scored = TableView(columns: [TableColumn("Name"), TableColumn("Score", firstSortAscending: false)])
        var state = TableState(rowCount: 4)
        let rect = Rect(x: 0, y: 0, width: 20, height: 6)
        _ = scored.handle(.key(.character(">")), state: &state, rows: rows, in: rect)
        #expect(state.sort == TableSort(column: 0, ascending: true))
        _ = scored.handle(.key(.character(">")), state: &state, rows: rows, in: rect)
        #expect(state.sort == TableSort(column: 1, ascending: false))
        #expect((0..<4).map { state.dataRow(at: $0) } == [2, 3, 0, 1])
        // A header click on another column, then on Score, starts descending too.
        _ = scored.handle(.mouse(MouseEvent(.press(.left), x: 1, y: 0)), state: &state, rows: rows, in: rect)
        _ = scored.handle(.mouse(MouseEvent(.press(.left), x: 19, y: 0)), state: &state, rows: rows, in: rect)
        #expect(state.sort == TableSort(column: 1, ascending: false))
        state.sort(TableSort(column: 1, ascending: true), rows: rows, viewport: 4)
        #expect((0..<4).map { state.dataRow(at: $0) } == [0, 3, 2, 1])
    }

    @Test func naturalOrderForMixedText() {
        let keys = ["img10", "img2", "IMG1", "", "7", "Ab"].map(TableSort.Key.init)
        let sorted = keys.sorted()
        #expect(sorted == ["7", "Ab", "IMG1", "img2", "img10", ""].map(TableSort.Key.init))
    }

    @Test func ownerSuppliedOrdering() {
        // BI-RADS categories sort by their clinical order, not as text.
        let order = ["1", "2", "3", "4A", "4B", "4C", "5"]
        let values = ["4B", "5", "2", "4A"]
        var state = TableState(rowCount: values.count)
        state.sort(TableSort(column: 0, ascending: true), viewport: 4) { a, b in
            (order.firstIndex(of: values[a]) ?? 0) < (order.firstIndex(of: values[b]) ?? 0)
        }
        #expect((0..<4).map { values[state.dataRow(at: $0)] } == ["2", "4A", "4B", "5"])
    }

    @Test func hundredThousandRowsAskOnlyForVisibleRows() {
        let probe = ProbedRows(count: 100_000)
        var state = TableState(rowCount: 100_000)
        let rect = Rect(x: 0, y: 0, width: 40, height: 21)  // 20 visible rows
        var b = CellBuffer(width: 40, height: 21)
        with(probe.rows).render(into: &b, in: rect, state: state)
        #expect(Set(probe.asked) == Set(0..<20))
        #expect(probe.asked.count == 20 * 3)

        probe.asked = []
        for key: Key in [.end, .pageUp, .up, .up, .character("j")] {
            _ = view.handle(.key(key), state: &state, rows: probe.rows, in: rect)
        }
        #expect(probe.asked.isEmpty, "moving never asks for rows")
        with(probe.rows).render(into: &b, in: rect, state: state)
        let visible = state.visibleRows(viewport: 20)
        #expect(visible.count == 20)
        #expect(Set(probe.asked) == Set(visible))
        #expect(state.selectedRow == 100_000 - 1 - 20 - 1)
        #expect(b.line(20).contains("99980") || b.text.contains("Patient 99980"))

        // Sorting reads the sort column once per row, then drawing is visible rows again.
        probe.asked = []
        _ = view.handle(.key(.character("r")), state: &state, rows: probe.rows, in: rect)  // no sort yet: ignored
        #expect(probe.asked.isEmpty)
        _ = view.handle(.key(.character(">")), state: &state, rows: probe.rows, in: rect)
        _ = view.handle(.key(.character("r")), state: &state, rows: probe.rows, in: rect)
        #expect(probe.asked.count == 200_000)
        #expect(state.dataRow(at: 0) == 99_999)
        probe.asked = []
        with(probe.rows).render(into: &b, in: rect, state: state)
        #expect(probe.asked.count == 60)
    }

    @Test func mouseSelectsSortsAndScrolls() {
        let probe = ProbedRows(count: 50)
        var state = TableState(rowCount: 50)
        let rect = Rect(x: 0, y: 2, width: 30, height: 6)
        #expect(view.handle(.mouse(MouseEvent(.press(.left), x: 8, y: 5)), state: &state, rows: probe.rows, in: rect) == .moved)
        #expect(state.selectedRow == 2)
        // Clicking the selected row opens it.
        #expect(view.handle(.mouse(MouseEvent(.press(.left), x: 8, y: 5)), state: &state, rows: probe.rows, in: rect) == .activated(dataRow: 2))
        _ = view.handle(.mouse(MouseEvent(.wheelDown, x: 8, y: 5)), state: &state, rows: probe.rows, in: rect)
        _ = view.handle(.mouse(MouseEvent(.wheelDown, x: 8, y: 5)), state: &state, rows: probe.rows, in: rect)
        #expect(state.offset == 6)
        #expect(state.visibleRows(viewport: 5).contains(state.selectedRow ?? -1))
        // Header click on "Patient" sorts by it; again reverses.
        #expect(view.handle(.mouse(MouseEvent(.press(.left), x: 9, y: 2)), state: &state, rows: probe.rows, in: rect) == .sorted)
        #expect(state.sort == TableSort(column: 1, ascending: true))
        _ = view.handle(.mouse(MouseEvent(.press(.left), x: 9, y: 2)), state: &state, rows: probe.rows, in: rect)
        #expect(state.sort == TableSort(column: 1, ascending: false))
    }

    @Test func resizedViewportStillShowsTheSelection() {
        let probe = ProbedRows(count: 100)
        var state = TableState(rowCount: 100)
        state.select(60, viewport: 40)
        // The terminal shrank to 5 body rows before the next key.
        let visible = state.visibleRows(viewport: 5)
        #expect(visible.contains(60))
        let lines = render(state, probe.rows)
        #expect(lines.contains { $0.hasPrefix("  61 Patient 61") })
    }

    @Test func rowCountChangesClampTheSelection() {
        var state = TableState(rowCount: 10)
        state.select(9, viewport: 5)
        state.setRowCount(4)
        #expect(state.selectedRow == 3)
        state.setRowCount(0)
        #expect(state.selectedRow == nil)
        #expect(state.visibleRows(viewport: 5).isEmpty)
    }
}
