// The row above the reading screen's picture: what each half shows (views, current vs prior,
// who is annotating), and the zoom when zoomed.
import MammoCore
import Store
import TUI

public struct ImageLabelBar: StatefulWidget, Sendable {
    public var style: ScreenStyle
    public init(style: ScreenStyle) { self.style = style }

    public func render(into buffer: inout CellBuffer, in rect: Rect, state reading: ReadingState) {
        buffer.fill(rect, with: Cell(" ", style: style.base))
        guard !rect.isEmpty else { return }
        let halves = rect.columns([.fill, .fill])
        let zoom = reading.zoom.isZoomed ? "zoom \(ReadingScreen.formatFactor(reading.zoom.factor))×" : ""
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
}
