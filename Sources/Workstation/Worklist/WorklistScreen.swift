// Drawing the worklist: title bar, the studies table in a panel, a line about the selected
// study, and the status bar (or the search field while searching). A function of state only.
import MammoCore
import Store
import TUI

public enum WorklistScreen {
    /// The worklist's rectangles for `size`, from the layout kept for that size.
    public static func layout(_ size: Size) -> ScreenLayout.Worklist { ScreenLayout.of(size).worklist }

    /// The studies table; `rows` only matter for drawing (the reducer's events take them as an argument).
    static func tableView(_ style: ScreenStyle, rows: TableRows = TableRows([])) -> TableView {
        TableView(columns: WorklistState.columns, rows: rows, style: style.table, emptyText: "No studies match")
    }

    /// Rows of the table body: the page size for keys.
    public static func viewport(_ size: Size) -> Int { max(layout(size).table.height - 1, 1) }

    public static func draw(_ state: WorkstationState, into buffer: inout CellBuffer) {
        let style = state.settings.style
        let l = layout(buffer.size)
        let list = state.worklist
        TitleBar("mammoterm · Worklist", style: style).render(into: &buffer, in: l.title)
        Panel(title: "Worklist — \(list.summary)", focused: true, style: style.panel).render(into: &buffer, in: l.panel)
        tableView(style, rows: list.rows).render(into: &buffer, in: l.table, state: list.table)
        buffer.fill(l.detail, with: Cell(" ", style: style.base))
        if list.dateInput != nil && !state.message.isEmpty {
            // The field covers the status line: a complaint about the typed dates shows here.
            buffer.write(state.message, in: l.detail.inset(by: Insets(left: 1)), style: style.warning)
        } else if let entry = list.selectedEntry {
            buffer.write(detailLine(entry, read: list.readStage(of: entry.studyInstanceUID)), in: l.detail.inset(by: Insets(left: 1)),
                         style: style.dim)
        }
        if let input = list.searchInput {
            TextInputView(prompt: " Search: ", placeholder: "patient, name or date", style: style.textInput)
                .render(into: &buffer, in: l.status, state: input)
        } else if let input = list.dateInput {
            TextInputView(prompt: " Dates: ", placeholder: "2024, 2024-03, 2024-01-15, 2023..2024-06 (empty: any date)",
                          style: style.textInput)
                .render(into: &buffer, in: l.status, state: input)
        } else {
            StatusBar(message: state.message, hints: WorklistKeymap.statusHints, style: style.statusBar).render(into: &buffer, in: l.status)
        }
    }

    /// "SYN-0003 · SYNTH^PATIENT 0003 · 2024-05-01 · 4 views · prior · read"
    static func detailLine(_ e: WorklistEntry, read: ReadStage?) -> String {
        var parts = [PrintableText.clean(e.patientID), PrintableText.clean(e.patientName),
                     e.formattedStudyDate.isEmpty ? "no date" : PrintableText.clean(e.formattedStudyDate),
                     e.isRemote ? "in \(PrintableText.clean(e.location)), not retrieved yet (Enter retrieves it)"
                        : "\(e.views.count) view\(e.views.count == 1 ? "" : "s")"]
        if !e.studyDescription.isEmpty { parts.append(PrintableText.clean(e.studyDescription)) }
        if e.hasPrior { parts.append("prior available") }
        switch read {
        case .final?: parts.append("read")
        case .initial?: parts.append("½ read: initial call recorded, final not yet")
        case nil: break
        }
        return parts.joined(separator: " · ")
    }
}
