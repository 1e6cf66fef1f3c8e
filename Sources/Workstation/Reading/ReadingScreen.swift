// Drawing the reading screen: title bar, a label row and the picture (cells, or a sixel image
// placed on the frame), the findings and metadata panels on the right, and the status line.
// A function of state only: the picture was made off the UI loop and is only copied here.
import Foundation
import MammoCore
import Store
import TUI

public enum ReadingScreen {
    /// The reading screen's rectangles for `size`, from the layout kept for that size (the
    /// reducers ask here for the image area and the findings panel's page).
    public static func layout(_ size: Size, findingCount: Int = 0) -> ScreenLayout.Reading {
        ScreenLayout.of(size, findingCount: findingCount).reading
    }

    public static func draw(_ state: WorkstationState, into frame: inout Frame) {
        guard let reading = state.reading else { return }
        let style = state.settings.style
        let l = layout(frame.size, findingCount: reading.shownFindings.count)
        let e = reading.entry
        let date = e.formattedStudyDate.isEmpty ? "no date" : PrintableText.clean(e.formattedStudyDate)
        TitleBar("mammoterm · \(PrintableText.clean(e.patientID)) · \(date) · \(reading.layout.label)", style: style)
            .render(into: &frame.buffer, in: l.title)
        ImageLabelBar(style: style).render(into: &frame.buffer, in: l.labels, state: reading)
        drawPicture(reading, state: state, into: &frame, in: l.image)
        if let session = reading.annotation {
            AnnotationPanel(style: style, primaryView: reading.layout.primaryView).render(into: &frame.buffer, in: l.side, state: session)
        } else if reading.form != nil {
            // The form takes the side panels: the pictures stay in view while deciding.
            DecisionPanel(style: style, readingProtocol: state.settings.session.readingProtocol)
                .render(into: &frame.buffer, in: l.side, state: reading)
        } else {
            FindingsPanel(style: style, showsTruth: state.settings.session.showsTruth).render(into: &frame.buffer, in: l.findings, state: reading)
            StudyPanel(settings: state.settings).render(into: &frame.buffer, in: l.metadata, state: reading)
        }
        // After the side panels: the ruler sits on their border.
        if let cell = reading.annotation?.cursorCell, !state.showsHelp {
            // Rulers at the image's edges point at the cursor: above it in the label row, beside it on the panel's
            // border. Text outside the picture, so a sixel image is never resent for a cursor step.
            frame.buffer.set(Cell("▼", style: style.cursor), x: l.image.x + cell.x, y: l.labels.y)
            if l.image.maxX < frame.size.width { frame.buffer.set(Cell("◀", style: style.cursor), x: l.image.maxX, y: l.image.y + cell.y) }
        }
        StatusBar(message: state.message,
                  hints: reading.annotation != nil ? AnnotationKeymap.statusHints
                      : reading.form != nil ? ReadingKeymap.formStatusHints : ReadingKeymap.statusHints(showsAI: reading.aiHiddenNotice == nil),
                  style: style.statusBar)
            .render(into: &frame.buffer, in: l.status)
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

    static func format(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e15 else { return v.isNaN ? "-" : v > 0 ? "inf" : "-inf" }
        return String(Int(v.rounded()))
    }

    static func formatFactor(_ f: Double) -> String {
        guard f.isFinite, abs(f) < 1e15 else { return "-" }
        return f == f.rounded() ? String(Int(f)) : String(format: "%.1f", f)
    }
}
