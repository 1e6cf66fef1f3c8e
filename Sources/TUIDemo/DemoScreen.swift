// Layout, drawing and the reducer of the demo screen: pure functions of `DemoState`.
import TUI

enum DemoAction: Sendable {
    case event(Event)
    case opened(String)
}

enum DemoScreen {
    static let columns = [
        TableColumn("#", width: .fixed(6), alignment: .right),
        TableColumn("Patient", width: .min(10)),
        TableColumn("Study date", width: .fixed(10)),
        TableColumn("BI-RADS", width: .fixed(7), alignment: .right),
        TableColumn("AI score", width: .fixed(8), alignment: .right),
    ]

    /// The worklist table; `rows` only matter for drawing (events take them as an argument).
    static func tableView(_ rows: TableRows = TableRows([])) -> TableView { TableView(columns: columns, rows: rows) }

    static let hints = [KeyHint("?", "help"), KeyHint("/", "filter"), KeyHint("Enter", "open"), KeyHint("q", "quit")]

    struct Layout {
        var list: Rect
        var details: Rect
        var status: Rect
    }

    static func layout(_ size: Size) -> Layout {
        let screen = Rect(size: size)
        let parts = screen.rows([.fill, .fixed(1)])
        let columns = parts[0].columns([.fraction(0.7), .fill])
        return Layout(list: columns[0], details: columns[1], status: parts[1])
    }

    static func tableRect(_ size: Size) -> Rect { layout(size).list.inset(by: 1) }

    static func draw(_ state: DemoState, into frame: inout Frame) {
        let l = layout(frame.size)
        let list = Panel(title: "Worklist (\(state.tableRows.count) exams)", focused: true)
        list.render(into: &frame.buffer, in: l.list)
        tableView(state.tableRows).render(into: &frame.buffer, in: list.contentRect(in: l.list), state: state.table)
        drawDetails(state, into: &frame, in: l.details)
        if let input = state.filterInput {
            TextInputView(prompt: " Filter: ").render(into: &frame.buffer, in: l.status, state: input)
        } else {
            let message = state.filter.isEmpty ? state.status : "\(state.status) · filter \"\(state.filter)\""
            StatusBar(message: message, hints: hints).render(into: &frame.buffer, in: l.status)
        }
        if state.showsHelp {
            HelpOverlay(sections: [
                .init("Worklist", TableView.keyHints),
                .init("Demo", [KeyHint("/", "filter patients"), KeyHint("q", "quit"), KeyHint("Ctrl-C", "quit now")]),
            ]).render(into: &frame.buffer, in: frame.bounds)
        }
        if let dialog = state.quitDialog {
            ModalDialog().render(into: &frame.buffer, in: frame.bounds, state: dialog)
        }
    }

    static func drawDetails(_ state: DemoState, into frame: inout Frame, in rect: Rect) {
        let panel = Panel(title: "Details")
        panel.render(into: &frame.buffer, in: rect)
        let inner = panel.contentRect(in: rect)
        guard let row = state.selectedDataRow else {
            frame.buffer.write("No exam selected", in: inner.row(0), style: .dim)
            return
        }
        let rows = state.rows
        let lines = [
            ("Patient", rows.cell(row, 1)), ("Date", rows.cell(row, 2)),
            ("BI-RADS", rows.cell(row, 3)), ("AI score", rows.cell(row, 4)),
        ]
        for (i, (label, value)) in lines.enumerated() where i < inner.height {
            let r = inner.row(i)
            frame.buffer.write(label, in: r.left(9), style: .bold)
            frame.buffer.write(value, in: Rect(x: r.x + 10, y: r.y, width: r.width - 10, height: 1))
        }
        let swatch = inner.row(lines.count + 1)
        let colour = DemoRows.scoreColour(Double(rows.cell(row, 4)) ?? 0)
        frame.buffer.write(" score ", in: swatch.left(12), alignment: .center,
                           style: CellStyle(foreground: .rgb(.init(grey: 255)), background: .rgb(colour), attributes: .bold))
        frame.buffer.write("日本語 ✓ wide", in: inner.row(lines.count + 3))
        // Images sit above text: none while an overlay is open (see Backend.writeImage).
        if !state.showsHelp && state.quitDialog == nil {
            let picture = Rect(x: inner.x, y: inner.y + lines.count + 5, width: inner.width, height: inner.maxY - (inner.y + lines.count + 5))
            state.picture.draw(in: picture, cellPixels: state.cellPixels, into: &frame)
        }
    }

    static func reduce(_ state: inout DemoState, _ action: DemoAction, _ effects: Effects<DemoAction>) {
        switch action {
        case .opened(let id):
            state.status = "Opened \(id)"
        case .event(.resize(let size)):
            state.size = size
        case .event(.key(.control("c"))):
            state.done = true
        case .event(let event):
            handle(event, &state, effects)
        }
    }

    static func handle(_ event: Event, _ state: inout DemoState, _ effects: Effects<DemoAction>) {
        if var dialog = state.quitDialog, case .key(let key) = event {
            switch dialog.handle(key) {
            case .chosen(0): state.done = true
            case .chosen, .cancelled: state.quitDialog = nil
            default: state.quitDialog = dialog
            }
            return
        }
        if state.showsHelp {
            if case .key(let key) = event, key == .escape || key == .character("?") || key == .character("q") { state.showsHelp = false }
            return
        }
        if var input = state.filterInput, case .key(let key) = event {
            switch input.handle(key) {
            case .submitted(let text): applyFilter(text, &state)
            case .cancelled: state.filterInput = nil
            default: state.filterInput = input
            }
            return
        }
        switch event {
        case .key(.character("?")): state.showsHelp = true
        case .key(.character("/")): state.filterInput = TextInputState(state.filter)
        case .key(.character("q")):
            state.quitDialog = ModalState(title: "Quit", message: "Leave the demo?",
                                          buttons: [.init("Yes", key: .character("y")), .init("No", key: .character("n"))], selectedButton: 1)
        default:
            let rows = state.tableRows
            switch tableView().handle(event, state: &state.table, rows: rows, in: tableRect(state.size)) {
            case .activated:
                guard let row = state.selectedDataRow else { return }
                let id = DemoRows.patientID(row)
                state.status = "Opening \(id)…"
                effects.run {
                    // Stands in for decoding an exam off the UI loop.
                    try? await Task.sleep(for: .milliseconds(300))
                    return .opened(id)
                }
            case .sorted:
                if let sort = state.table.sort {
                    state.status = "Sorted by \(DemoRows.columns[sort.column]) \(sort.ascending ? "ascending" : "descending")"
                }
            default: break
            }
        }
    }

    static func applyFilter(_ text: String, _ state: inout DemoState) {
        state.filterInput = nil
        state.filter = text
        let needle = text.uppercased()
        state.filtered = text.isEmpty ? nil : (0..<state.rows.count).filter { DemoRows.patientID($0).contains(needle) }
        let sort = state.table.sort
        state.table = TableState(rowCount: state.tableRows.count)
        if let sort { state.table.sort(sort, rows: state.tableRows, viewport: tableRect(state.size).height - 1) }
        state.status = "\(state.tableRows.count) exams match"
    }
}
