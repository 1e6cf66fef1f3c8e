// Drawing the reading screen: title bar, a label row and the picture (cells, or a sixel image
// placed on the frame), the findings and metadata panels on the right, and the status line.
// A function of state only: the picture was made off the UI loop and is only copied here.
import Foundation
import MammoCore
import Store
import TUI

public enum ReadingScreen {
    public struct Layout: Equatable {
        public var title: Rect
        /// The row above the picture naming what it shows.
        public var labels: Rect
        public var image: Rect
        public var findings: Rect
        public var metadata: Rect
        public var status: Rect
    }

    public static func layout(_ size: Size, findingCount: Int = 0) -> Layout {
        let rows = Rect(size: size).rows([.fixed(1), .fill, .fixed(1)])
        let body = rows[1]
        let sideWidth = size.width >= 100 ? min(48, max(36, size.width * 3 / 10)) : (size.width >= 70 ? 30 : 0)
        let columns = body.columns([.fill, .fixed(sideWidth)])
        let picture = columns[0].rows([.fixed(1), .fill])
        let side = columns[1]
        let findingsHeight = min(max(findingCount + 4, 6), max(side.height / 2, 6))
        let panels = side.rows([.fixed(findingsHeight), .fill])
        return Layout(title: rows[0], labels: picture[0], image: picture[1], findings: panels[0], metadata: panels[1], status: rows[2])
    }

    static let findingColumns: [TableColumn] = [
        TableColumn("#", width: .fixed(2), alignment: .right),
        TableColumn("Type", width: .min(4)),
        TableColumn("Pathology", width: .fixed(9)),
        TableColumn("View", width: .fixed(4)),
        TableColumn("Position", width: .fixed(9)),
        TableColumn("Score", width: .fixed(5), alignment: .right),
        TableColumn("Conf", width: .fixed(4), alignment: .right),
    ]

    static func findingRows(_ findings: [Finding]) -> TableRows {
        TableRows(count: findings.count) { row, column in
            guard row < findings.count else { return "" }
            let f = findings[row]
            switch column {
            case 0: return String(f.number)
            case 1: return f.typeLabel
            case 2: return f.pathologyLabel
            case 3: return f.view.label
            case 4: return f.positionLabel
            case 5: return f.score.map { String(Int(($0 * 100).rounded())) } ?? ""
            case 6: return f.confidence.map { String(Int(($0 * 100).rounded())) } ?? ""
            default: return ""
            }
        }
    }

    public static func draw(_ state: WorkstationState, into frame: inout Frame) {
        guard let reading = state.reading else { return }
        let style = state.settings.style
        let l = layout(frame.size, findingCount: reading.details?.findings.count ?? 0)
        let e = reading.entry
        let date = e.formattedStudyDate.isEmpty ? "no date" : PrintableText.clean(e.formattedStudyDate)
        TitleBar.draw("mammoterm · \(PrintableText.clean(e.patientID)) · \(date) · \(reading.layout.label)",
                      style: style, into: &frame.buffer, in: l.title)
        drawLabels(reading, state: state, into: &frame.buffer, in: l.labels)
        drawPicture(reading, state: state, into: &frame, in: l.image)
        if let session = reading.annotation {
            let side = Rect(x: l.findings.x, y: l.findings.y, width: l.findings.width, height: l.metadata.maxY - l.findings.y)
            AnnotationPanel.draw(session, reading: reading, state: state, into: &frame.buffer, in: side)
        } else if let form = reading.form {
            // The form takes the side panels: the pictures stay in view while deciding.
            let side = Rect(x: l.findings.x, y: l.findings.y, width: l.findings.width, height: l.metadata.maxY - l.findings.y)
            drawDecisionForm(form, reading: reading, state: state, into: &frame.buffer, in: side)
        } else {
            drawFindings(reading, style: style, into: &frame.buffer, in: l.findings)
            drawMetadata(reading, state: state, into: &frame.buffer, in: l.metadata)
        }
        // After the side panels: the ruler sits on their border.
        if let cell = reading.annotation?.cursorCell, !state.showsHelp {
            // Rulers at the image's edges point at the cursor: above it in the label row, beside it on the panel's
            // border. Text outside the picture, so a sixel image is never resent for a cursor step.
            frame.buffer.set(Cell("▼", style: style.cursor), x: l.image.x + cell.x, y: l.labels.y)
            if l.image.maxX < frame.size.width { frame.buffer.set(Cell("◀", style: style.cursor), x: l.image.maxX, y: l.image.y + cell.y) }
        }
        StatusBar(style: style.statusBar).draw(message: state.message,
                                               hints: reading.annotation == nil ? ReadingKeymap.statusHints : AnnotationKeymap.statusHints,
                                               into: &frame.buffer, in: l.status)
    }

    static func drawLabels(_ reading: ReadingState, state: WorkstationState, into buffer: inout CellBuffer, in rect: Rect) {
        let style = state.settings.style
        buffer.fill(rect, with: Cell(" ", style: style.base))
        guard !rect.isEmpty else { return }
        let halves = rect.columns([.fill, .fill])
        let zoom = reading.zoom.isZoomed ? "zoom \(formatFactor(reading.zoom.factor))×" : ""
        switch reading.layout {
        case .four:
            buffer.write(" RCC / RMLO", in: halves[0], style: style.accent)
            buffer.write("LCC / LMLO ", in: halves[1], alignment: .right, style: style.accent)
            if !zoom.isEmpty { buffer.write(zoom, in: rect, alignment: .center, style: style.dim) }
        case .single(let view):
            let annotating = reading.annotation.map { a in
                a.reviewing ? " · review" : " · annotating as \(PrintableText.clean(a.annotator)) · \(a.tool.rawValue)"
            } ?? ""
            buffer.write(" \(view.label)\(annotating)", in: halves[0], style: style.accent)
            if !zoom.isEmpty { buffer.write(zoom + " ", in: halves[1], alignment: .right, style: style.dim) }
        case .prior(let view):
            buffer.write(" Current \(PrintableText.clean(reading.entry.formattedStudyDate)) · \(view.label)", in: halves[0], style: style.accent)
            let priorDate = reading.details?.prior.map { WorklistEntry.formatDate($0.studyDate) } ?? ""
            buffer.write("Prior \(PrintableText.clean(priorDate)) · \(view.label) ", in: halves[1], alignment: .right, style: style.accent)
        }
    }

    static func drawPicture(_ reading: ReadingState, state: WorkstationState, into frame: inout Frame, in rect: Rect) {
        let style = state.settings.style
        frame.buffer.fill(rect, with: Cell(" ", style: style.base))
        guard !rect.isEmpty else { return }
        let middle = rect.row(rect.height / 2)
        if let failure = reading.failure {
            frame.buffer.write(failure, in: middle, alignment: .center, style: style.error)
            return
        }
        guard reading.details != nil else {
            frame.buffer.write("Opening study…", in: middle, alignment: .center, style: style.dim)
            return
        }
        guard let picture = reading.picture, picture.key.cells == rect.size else {
            frame.buffer.write("Rendering…", in: middle, alignment: .center, style: style.dim)
            return
        }
        switch picture.content {
        case .cells(let cells):
            frame.buffer.blit(cells, at: rect.origin)
            // Views that could not be shown say why where they would be (not over sixel images,
            // which nothing may cover: there the status line says it).
            let lines = picture.problems.flatMap { PrintableText.clean($0).wrapped(toWidth: max(rect.width - 4, 10)) }
            for (index, line) in lines.prefix(max(rect.height - 2, 0)).enumerated() {
                let row = rect.row(min(rect.height / 2 + index, rect.height - 1))
                frame.buffer.write(line, in: row, alignment: .center, style: style.error)
            }
        case .image(let image):
            // Nothing may be drawn over a sixel image, so it stays off while help is open.
            if !state.showsHelp { frame.place(image, at: rect.origin) }
        }
    }

    static func drawFindings(_ reading: ReadingState, style: ScreenStyle, into buffer: inout CellBuffer, in rect: Rect) {
        guard rect.width >= 10 else { return }
        let findings = reading.details?.findings ?? []
        let ai = findings.filter { $0.source == .ai }.count, truth = findings.filter { $0.source == .truth }.count
        let sources = [ai > 0 ? "AI \(ai)" : nil, truth > 0 ? "truth \(truth)" : nil].compactMap { $0 }
        let title = findings.isEmpty ? "Findings" : "Findings (\(sources.joined(separator: " · ")))"
        let inner = Panel(style: style.panel).draw(title: title, into: &buffer, in: rect)
        buffer.fill(inner, with: Cell(" ", style: style.base))
        if reading.details == nil { return }
        let table = TableView(columns: findingColumns, style: style.table, emptyText: "No findings in these views")
        table.draw(reading.findings, rows: findingRows(findings), into: &buffer, in: inner, focused: true)
    }

    static func drawDecisionForm(_ form: DecisionForm, reading: ReadingState, state: WorkstationState,
                                 into buffer: inout CellBuffer, in rect: Rect) {
        let style = state.settings.style
        guard rect.width >= 20, rect.height >= 4 else { return }
        let title = "Decision · \(state.settings.session.readingProtocol.rawValue) · \(reading.flow.stage.rawValue)"
        let inner = Panel(style: style.panel).draw(title: title, focused: true, into: &buffer, in: rect)
        buffer.fill(inner, with: Cell(" ", style: style.base))
        var row = 0
        func line(_ label: String, _ value: String, focused: Bool = false) {
            guard row < inner.height else { return }
            let r = inner.row(row)
            buffer.write(label, in: r.left(11), style: focused ? style.accent : style.dim)
            buffer.write(value, in: Rect(x: r.x + 11, y: r.y, width: r.width - 11, height: 1), style: focused ? style.selection : style.base)
            row += 1
        }
        for field in DecisionForm.Field.allCases { line(field.label, form.value(field), focused: field == form.focus) }
        line("Marks", form.decision.marks.isEmpty ? "none (x on a single view)" : form.decision.marks.map { "\($0.view) \(Int($0.x)),\(Int($0.y))" }.joined(separator: "; "))
        row += 1
        if form.confirming {
            line("", "Submit this decision?  y / n")
        } else {
            line("", "Enter submit · Esc close")
        }
        if let initial = reading.flow.initial {
            row += 1
            line("Initial", "recall \(initial.recall ? "yes" : "no") · suspicion \(initial.suspicion)" +
                 (initial.examBIRADS.map { " · BI-RADS \($0.rawValue)" } ?? ""))
        }
    }

    static func drawMetadata(_ reading: ReadingState, state: WorkstationState, into buffer: inout CellBuffer, in rect: Rect) {
        let style = state.settings.style
        guard rect.width >= 10 else { return }
        let inner = Panel(style: style.panel).draw(title: "Study", into: &buffer, in: rect)
        buffer.fill(inner, with: Cell(" ", style: style.base))
        for (i, (label, value)) in metadataLines(reading, settings: state.settings).enumerated() where i < inner.height {
            let row = inner.row(i)
            buffer.write(label, in: row.left(9), style: style.dim)
            buffer.write(value, in: Rect(x: row.x + 9, y: row.y, width: row.width - 9, height: 1), style: style.base)
        }
    }

    /// The metadata panel's lines, label and value.
    public static func metadataLines(_ reading: ReadingState, settings: WorkstationSettings) -> [(String, String)] {
        let e = reading.entry
        var lines: [(String, String)] = [
            ("Patient", PrintableText.clean(e.patientID)),
            ("Name", PrintableText.clean(e.patientName)),
            ("Date", e.formattedStudyDate.isEmpty ? "unknown" : PrintableText.clean(e.formattedStudyDate)),
            ("Views", reading.presentViews.map(\.label).joined(separator: " ")),
        ]
        if let prior = reading.details?.prior {
            lines.append(("Prior", WorklistEntry.formatDate(prior.studyDate)))
        } else {
            lines.append(("Prior", e.hasPrior ? "yes" : "none"))
        }
        lines.append(("Layout", reading.layout.label))
        if let shown = reading.shownWindow {
            let source = !reading.window.isIdentity ? "adjusted" : (shown.automatic ? "auto" : "file")
            lines.append(("Window", "C \(format(shown.window.center)) W \(format(shown.window.width)) \(source)"))
        } else {
            lines.append(("Window", "…"))
        }
        lines.append(("Zoom", "\(formatFactor(reading.zoom.factor))×" + (reading.invert ? "  inverted" : "")))
        lines.append(("Overlay", reading.overlay.label))
        let session = settings.session
        lines.append(("Protocol", "\(session.readingProtocol.rawValue) · " + (reading.flow.isComplete ? "read" : reading.flow.stage.rawValue)))
        if session.readingProtocol == .referral, reading.flow.visibility == .triageTag {
            lines.append(("Triage", reading.flow.triagedNormal ? "AI: normal" : "not triaged by the AI"))
        }
        if let ai = reading.details?.ai {
            func n(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "-" }
            let verdict = ai.threshold.map { ai.examScore >= $0 ? " ≥ " : " < " } ?? ""
            lines.append(("AI exam", "score \(n(ai.examScore))\(verdict)\(ai.threshold.map { "t \(n($0))" } ?? "")  conf \(n(ai.examConfidence))"))
            lines.append(("AI model", PrintableText.clean("\(ai.model) \(ai.modelVersion)") + (ai.source == "mammoterm" ? "" : " · \(PrintableText.clean(ai.source))")))
        }
        lines.append(("Graphics", settings.graphics))
        lines.append(("Theme", settings.themeName))
        if !settings.readerID.isEmpty { lines.append(("Reader", PrintableText.clean(settings.readerID))) }
        if let picture = reading.picture {
            let kb = Double(picture.byteCount) / 1024
            let size = settings.isSixel ? String(format: ", %.0f kB", kb) : ""
            lines.append(("Frame", String(format: "%.0f ms", picture.renderMilliseconds) + size))
        }
        return lines
    }

    static func format(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e15 else { return v.isNaN ? "-" : v > 0 ? "inf" : "-inf" }
        return String(Int(v.rounded()))
    }

    static func formatFactor(_ f: Double) -> String {
        guard f.isFinite, abs(f) < 1e15 else { return "-" }
        return f == f.rounded() ? String(Int(f)) : String(format: "%.1f", f)
    }
}
