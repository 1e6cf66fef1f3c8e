// The decision form in the reading screen's side panel: the fields (focused one highlighted),
// the recall the BI-RADS calls for, the marks, the focused field's keys and how to submit (or the
// confirmation), and the first read's decision in a two-step protocol.
import MammoCore
import TUI

public struct DecisionPanel: StatefulWidget, Sendable {
    public var style: ScreenStyle
    public var readingProtocol: ReadingProtocol
    public init(style: ScreenStyle, readingProtocol: ReadingProtocol) {
        self.style = style
        self.readingProtocol = readingProtocol
    }

    /// Draws the reading's open form; nothing when none is open.
    public func render(into buffer: inout CellBuffer, in rect: Rect, state reading: ReadingState) {
        guard let form = reading.form, rect.width >= 20, rect.height >= 4 else { return }
        let panel = Panel(title: "Decision · \(readingProtocol.rawValue) · \(reading.flow.stage.rawValue)", focused: true, style: style.panel)
        panel.render(into: &buffer, in: rect)
        let inner = panel.contentRect(in: rect)
        var row = 0
        func line(_ label: String, _ value: String, focused: Bool = false) {
            guard row < inner.height else { return }
            let r = inner.row(row)
            buffer.write(label, in: r.left(11), style: focused ? style.accent : style.dim)
            buffer.write(value, in: Rect(x: r.x + 11, y: r.y, width: r.width - 11, height: 1), style: focused ? style.selection : style.base)
            row += 1
        }
        for field in DecisionForm.Field.allCases { line(field.label, form.value(field), focused: field == form.focus) }
        line("Recall", form.recallText)
        line("Marks", form.draft.marks.isEmpty ? "none (x on a single view)" : form.draft.marks.map { "\($0.view) \(Int($0.x)),\(Int($0.y))" }.joined(separator: "; "))
        row += 1
        if form.confirming {
            line("", "Submit this decision?  y / n")
        } else {
            line("", form.focus.hint)
            line("", "Enter submit · Esc close")
        }
        if let initial = reading.flow.initial {
            row += 1
            line("Initial", "recall \(initial.recall ? "yes" : "no") · suspicion \(initial.suspicion)" +
                 (initial.examBIRADS.map { " · BI-RADS \($0.rawValue)" } ?? ""))
        }
    }
}
