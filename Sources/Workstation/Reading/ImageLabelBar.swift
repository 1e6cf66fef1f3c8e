// The row above the reading screen's picture: what each part shows (views over their tiles,
// current and prior with their dates, who is annotating), fit to breast, and the zoom when zoomed.
import Imaging
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
        let fit = reading.fitToBreast && !reading.zoom.isZoomed ? " · fit" : ""
        if reading.layout.showsPrior {
            comparison(into: &buffer, in: rect, state: reading, fit: fit)
            return
        }
        switch reading.layout.hanging {
        case .grid:
            buffer.write(" RCC / RMLO\(fit)", in: halves[0], style: style.accent)
            buffer.write("LCC / LMLO ", in: halves[1], alignment: .right, style: style.accent)
            if !zoom.isEmpty { buffer.write(zoom, in: rect, alignment: .center, style: style.dim) }
        case .single(let view):
            let annotating = reading.annotation.map { a in
                a.reviewing ? " · review" : " · annotating as \(PrintableText.clean(a.annotator)) · \(a.tool.rawValue)"
            } ?? ""
            buffer.write(" \(view.label)\(annotating)\(reading.annotation == nil ? fit : "")", in: halves[0], style: style.accent)
            if !zoom.isEmpty { buffer.write(zoom + " ", in: halves[1], alignment: .right, style: style.dim) }
        case let hanging:
            // Each view's label over its tile, at the tile's outer side (the chest walls meet inside).
            let views = hanging.views
            let tiles = rect.columns(Array(repeating: .fill, count: views.count))
            for (view, tile) in zip(views, tiles) {
                let outer = view.side == .right
                let text = outer ? " \(view.label)\(view == views.first ? fit : "")" : "\(view.label) "
                buffer.write(text, in: tile, alignment: outer ? .left : .right, style: style.accent)
            }
            if !zoom.isEmpty { buffer.write(zoom, in: rect, alignment: .center, style: style.dim) }
        }
    }

    /// Current and prior named with their dates, over each set: beside, a half each; with the
    /// prior under the current set, the bar is over the current row (the prior's caption is in
    /// the picture, between the rows).
    func comparison(into buffer: inout CellBuffer, in rect: Rect, state reading: ReadingState, fit: String) {
        let halves = rect.columns([.fill, .fill])
        let current = PrintableText.clean(reading.entry.formattedStudyDate)
        let prior = PrintableText.clean(reading.details?.prior.map { WorklistEntry.formatDate($0.studyDate) } ?? "")
        let views = reading.layout.hanging.label
        let shown = reading.picture?.key.layout == reading.layout ? reading.picture?.priorPlace : nil
        let below = shown.map { $0 == .below } ?? (reading.layout.hanging == .row)
        if below {
            // Narrow screens keep the dates whole: "top" and "below" instead of the rows' names.
            let roomy = halves[0].width >= 32
            buffer.write(" Current \(current) \(roomy ? "(upper row)" : "top")\(fit)", in: halves[0], style: style.accent)
            buffer.write("Prior \(prior) \(roomy ? "(lower row)" : "below") ", in: halves[1], alignment: .right, style: style.accent)
        } else {
            buffer.write(" Current \(current) · \(views)\(fit)", in: halves[0], style: style.accent)
            buffer.write("Prior \(prior) · \(views) ", in: halves[1], alignment: .right, style: style.accent)
        }
    }
}
