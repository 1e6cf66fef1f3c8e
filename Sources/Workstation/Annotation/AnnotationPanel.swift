// The annotation screen's side panel: the marks (own, or every annotator's in the review with
// their agreement), the selected mark in image pixels, the cursor and tool, and the label form.
// A function of state only.
import MammoCore
import TUI

public struct AnnotationPanel: StatefulWidget, Sendable {
    public var style: ScreenStyle
    /// The view the cursor is on (the reading's single view).
    public var primaryView: ViewKey

    public init(style: ScreenStyle, primaryView: ViewKey) {
        self.style = style
        self.primaryView = primaryView
    }

    public func render(into buffer: inout CellBuffer, in rect: Rect, state session: AnnotationSession) {
        guard rect.width >= 20, rect.height >= 6 else { return }
        let lines = session.shownMarks.count
        let parts = rect.rows([.fixed(min(max(lines + 4, 7), max(rect.height / 2, 7))), .fill])
        let title = session.reviewing ? "Review · every annotator" : "Annotations · \(PrintableText.clean(session.annotator))"
        let panel = Panel(title: title, focused: true, style: style.panel)
        panel.render(into: &buffer, in: parts[0])
        let inner = panel.contentRect(in: parts[0])
        // The review's pairing, once per frame: the table and the agreement summary share it.
        let marks = ViewKey.screening.flatMap { session.shownMarks(on: $0) }
        let pairs = session.reviewing ? AnnotationAgreement.pairs(marks, against: marks) : []
        let rows = Self.markRows(session, marks: marks, pairs: pairs)
        var table = TableState(rowCount: rows.count)
        if let id = session.selectedID, let i = rows.firstIndex(where: { $0.id == id }) { table.select(i, viewport: max(inner.height - 1, 1)) }
        let cells = TableRows(count: rows.count) { r, c in r < rows.count && c < rows[r].cells.count ? rows[r].cells[c] : "" }
        // Unfocused (no highlight) until a mark is selected.
        TableView(columns: Self.columns(reviewing: session.reviewing), rows: cells, focused: session.selectedID != nil, style: style.table,
                  emptyText: session.reviewing ? "No marks on this study" : "No marks yet: b e p . then Space")
            .render(into: &buffer, in: inner, state: table)
        if let form = session.form {
            renderForm(form, into: &buffer, in: parts[1])
        } else {
            renderDetails(session, pairs: pairs, into: &buffer, in: parts[1])
        }
    }

    struct Row { var id: String; var cells: [String] }

    /// Annotating: what each mark is; the review: who drew it, its agreement and acceptance (the panel is narrow).
    static func columns(reviewing: Bool) -> [TableColumn] {
        if reviewing {
            return [
                TableColumn("#", width: .fixed(3)), TableColumn("View", width: .fixed(4)), TableColumn("Type", width: .min(5)),
                TableColumn("By", width: .fixed(8)), TableColumn("IoU", width: .fixed(4), alignment: .right), TableColumn("GT", width: .fixed(2)),
            ]
        }
        return [
            TableColumn("#", width: .fixed(3)), TableColumn("View", width: .fixed(4)), TableColumn("Type", width: .min(5)),
            TableColumn("Shape", width: .fixed(7)), TableColumn("BR", width: .fixed(2)), TableColumn("Link", width: .fixed(4)),
        ]
    }

    /// One row per shown mark, views in hanging order. The review shows who drew it, the IoU with the best
    /// match by another annotator ("pt" for points paired by distance), and ✓ when accepted as ground truth.
    static func markRows(_ session: AnnotationSession, marks: [Annotation], pairs: [AnnotationAgreement.Pair]) -> [Row] {
        return marks.enumerated().map { i, m in
            let name = "\(m.category.letter)\(session.number(of: m))"
            guard session.reviewing else {
                return Row(id: m.id, cells: [name, m.view.label, m.category.label, m.shape.kind, m.birads?.rawValue ?? "",
                                             m.lesionID == nil ? "" : Self.linkLabel(m, session)])
            }
            let pair = i < pairs.count ? pairs[i] : nil
            let agreement = pair?.iou.map { String(format: "%.2f", $0) } ?? (pair?.other != nil ? "pt" : "—")
            return Row(id: m.id, cells: [name, m.view.label, m.category.label, PrintableText.clean(m.annotator), agreement, m.isAccepted ? "✓" : ""])
        }
    }

    /// The view of the linked partner ("MLO" for a CC mark).
    static func linkLabel(_ m: Annotation, _ session: AnnotationSession) -> String {
        let partners = session.marks.filter { $0.lesionID == m.lesionID && $0.id != m.id && $0.annotator == m.annotator }
        return partners.first.map { "↔" + $0.view.view.rawValue } ?? "↔?"
    }

    /// The lower part: the review's agreement, the selected mark, the cursor and tool, undo.
    func renderDetails(_ session: AnnotationSession, pairs: [AnnotationAgreement.Pair], into buffer: inout CellBuffer, in rect: Rect) {
        let panel = Panel(title: session.reviewing ? "Agreement" : "Mark", style: style.panel)
        panel.render(into: &buffer, in: rect)
        let inner = panel.contentRect(in: rect)
        var lines: [(String, String)] = []
        if session.reviewing {
            let marks = session.shownMarks
            let annotators = Set(marks.map(\.annotator)).sorted()
            lines.append(("Readers", annotators.map { PrintableText.clean($0) }.joined(separator: ", ")))
            let summary = AnnotationAgreement.summary(pairs)
            lines.append(("Mean IoU", summary.meanIoU.map { String(format: "%.2f", $0) } ?? "— (no overlapping marks)"))
            lines.append(("Agreed", "\(summary.agreed) of \(summary.total) marks at IoU ≥ 0.50"))
            lines.append(("Accepted", "\(marks.filter(\.isAccepted).count) as ground truth"))
        }
        if let m = session.selected {
            let b = m.shape.bounds
            lines.append(("Selected", "\(m.category.letter)\(session.number(of: m)) \(m.category.label) · \(m.view)"))
            lines.append(("Box px", "x \(Self.fmt(b.x)) y \(Self.fmt(b.y)) · \(Self.fmt(b.width))×\(Self.fmt(b.height))"))
            lines.append(("BI-RADS", m.birads?.rawValue ?? "—"))
            lines.append(("Pathology", m.pathology?.label ?? "unknown"))
            if !m.note.isEmpty { lines.append(("Note", m.note)) }
            lines.append(("By", "\(PrintableText.clean(m.annotator)) · \(m.modifiedAt.minuteText)"))
            if let who = m.acceptedBy { lines.append(("Accepted", "by \(PrintableText.clean(who))")) }
        }
        lines.append(("Cursor", "\(Self.fmt(session.cursor.x)), \(Self.fmt(session.cursor.y)) px on \(primaryView.label)"))
        let doing: String = switch session.adjusting {
        case .cursor: session.draft.isEmpty ? session.tool.hint(placed: 0) : session.tool.hint(placed: session.draft.count)
        case .move: "moving the selected mark"
        case .resize: "resizing the selected mark"
        }
        if !session.reviewing { lines.append(("Tool", "\(session.tool.rawValue) · \(doing)")) }
        if let from = session.linkFrom.flatMap(session.mark(id:)) { lines.append(("Linking", "from \(from.view): select its partner, L")) }
        lines.append(("Undo", "\(session.undo.count) step\(session.undo.count == 1 ? "" : "s")" + (session.redo.isEmpty ? "" : " · redo \(session.redo.count)")))
        for (i, (label, value)) in lines.enumerated() where i < inner.height {
            let row = inner.row(i)
            buffer.write(label, in: row.left(10), style: style.dim)
            buffer.write(value, in: Rect(x: row.x + 10, y: row.y, width: row.width - 10, height: 1), style: style.base)
        }
    }

    /// The lower part while the label form is open.
    func renderForm(_ form: AnnotationForm, into buffer: inout CellBuffer, in rect: Rect) {
        let panel = Panel(title: "Labels", focused: true, style: style.panel)
        panel.render(into: &buffer, in: rect)
        let inner = panel.contentRect(in: rect)
        var row = 0
        for field in AnnotationForm.Field.allCases where row < inner.height {
            let r = inner.row(row)
            let focused = field == form.field
            buffer.write(AnnotationForm.name(field), in: r.left(10), style: focused ? style.accent : style.dim)
            let value = field == .note ? form.note + (focused ? "▏" : "") : "‹ \(form.value(field)) ›"
            buffer.write(value, in: Rect(x: r.x + 10, y: r.y, width: r.width - 10, height: 1), style: focused ? style.selection : style.base)
            row += 1
        }
        row += 1
        if row < inner.height { buffer.write("Enter save · Esc close · ↑↓ field · ←→ value", in: inner.row(row), style: style.dim) }
    }

    static func fmt(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v) }
}
