// The reading screen's metadata panel ("Study"): who and when, the views, the window, zoom,
// overlay, protocol stage, the AI's exam score where shown, and how the frame was made.
import Foundation
import MammoCore
import Store
import TUI

public struct StudyPanel: StatefulWidget, Sendable {
    public var settings: WorkstationSettings
    public init(settings: WorkstationSettings) { self.settings = settings }

    public func render(into buffer: inout CellBuffer, in rect: Rect, state reading: ReadingState) {
        let style = settings.style
        guard rect.width >= 10 else { return }
        let panel = Panel(title: "Study", style: style.panel)
        panel.render(into: &buffer, in: rect)
        let inner = panel.contentRect(in: rect)
        for (i, (label, value)) in Self.lines(reading, settings: settings).enumerated() where i < inner.height {
            let row = inner.row(i)
            buffer.write(label, in: row.left(9), style: style.dim)
            buffer.write(value, in: Rect(x: row.x + 9, y: row.y, width: row.width - 9, height: 1), style: style.base)
        }
    }

    /// The metadata panel's lines, label and value.
    public static func lines(_ reading: ReadingState, settings: WorkstationSettings) -> [(String, String)] {
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
        lines.append(("Layout", reading.layout.label + (reading.fitToBreast && !reading.zoom.isZoomed ? " · fit" : "")))
        if let shown = reading.shownWindow {
            let source = reading.window.sourceLabel(windowIsAutomatic: shown.automatic)
            lines.append(("Window", "C \(ReadingScreen.format(shown.window.center)) W \(ReadingScreen.format(shown.window.width)) \(source)"))
        } else {
            lines.append(("Window", "…"))
        }
        lines.append(("Zoom", "\(ReadingScreen.formatFactor(reading.zoom.factor))×" + (reading.invert ? "  inverted" : "")))
        lines += reading.tools.panelLines
        lines.append(("Overlay", reading.overlay.label))
        // The finding in hand (n, or the row selected), its size and place in a report's words:
        // only what the panel lists, so a hidden AI or unasked truth says nothing here either.
        let shown = reading.shownFindings
        if let index = reading.focusedFinding ?? reading.findings.selectedDataRow, shown.indices.contains(index),
           let details = reading.details {
            let f = shown[index]
            lines.append(("Finding", "#\(f.number) \(f.view.label)" + (details.sizeText(of: f).map { " · \($0)" } ?? "")))
            if let location = details.location(of: f) { lines.append(("Where", location.text)) }
        }
        let session = settings.session
        lines.append(("Protocol", "\(session.readingProtocol.rawValue) · " + (reading.flow.isComplete ? "read" : reading.flow.stage.rawValue)))
        if session.readingProtocol == .referral, reading.flow.visibility == .triageTag {
            lines.append(("Triage", reading.flow.triagedNormal ? "AI: normal" : "not triaged by the AI"))
        }
        if let ai = reading.details?.ai {
            func n(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "-" }
            let verdict = ai.threshold.map { ai.examScore >= $0 ? " ≥ " : " < " } ?? ""
            lines.append(("AI exam", "score \(n(ai.examScore))\(verdict)\(ai.threshold.map { "t \(n($0))" } ?? "")  conf \(n(ai.examConfidence))"))
            // Another system's result says whose it is on its own row: the reader must see it whole.
            if ai.source != "mammoterm" { lines.append(("AI from", PrintableText.clean(ai.source))) }
            lines.append(("AI model", PrintableText.clean("\(ai.model) \(ai.modelVersion)")))
            // Never a silent score on an image the model was not made for.
            if let reason = ai.outOfDomain {
                lines.append(("Caveat", "OUT OF DOMAIN for this model"))
                // One reason a row (they are short; `findings` prints them whole).
                let reasons = PrintableText.clean(reason).components(separatedBy: "; ")
                for item in reasons.prefix(4) { lines.append(("", item)) }
                if reasons.count > 4 { lines.append(("", "… \(reasons.count - 4) more (mammoterm findings)")) }
            }
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

}
