// The reading screen's findings panel: the AI's findings where the protocol shows them and the
// ground truth's only while its overlay (o) is on, as a table, the one `n`/`N` steps through
// selected; the AI's rows numbered as their boxes on the picture, with a legend line for the
// score, the confidence and the box styles under the table where a row is free; with no row,
// why in words (the AI hidden until the first decision, no AI result).
import MammoCore
import TUI

public struct FindingsPanel: StatefulWidget, Sendable {
    public var style: ScreenStyle
    /// Whether ground truth may be listed at all (the plain workstation; never a reading session).
    public var showsTruth: Bool
    public init(style: ScreenStyle, showsTruth: Bool) {
        self.style = style
        self.showsTruth = showsTruth
    }

    static let columns: [TableColumn] = [
        TableColumn("#", width: .fixed(2), alignment: .right),
        TableColumn("Type", width: .min(4)),
        TableColumn("Pathology", width: .fixed(9)),
        TableColumn("View", width: .fixed(4)),
        TableColumn("Position", width: .fixed(9)),
        TableColumn("Score", width: .fixed(5), alignment: .right),
        TableColumn("Conf", width: .fixed(4), alignment: .right),
        // The AI's CC–MLO pair number: one lesion seen in both views of a breast.
        TableColumn("↔", width: .fixed(2), alignment: .right),
    ]

    static func rows(_ findings: [Finding]) -> TableRows {
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
            case 7: return f.pair.map(String.init) ?? ""
            default: return ""
            }
        }
    }

    public func render(into buffer: inout CellBuffer, in rect: Rect, state reading: ReadingState) {
        guard rect.width >= 10 else { return }
        let findings = reading.shownFindings
        let panel = Panel(title: Self.title(reading), style: style.panel)
        panel.render(into: &buffer, in: rect)
        guard reading.details != nil else { return }
        let inner = panel.contentRect(in: rect)
        guard findings.isEmpty else {
            TableView(columns: Self.columns, rows: Self.rows(findings), style: style.table)
                .render(into: &buffer, in: inner, state: reading.findings)
            // The row the layout leaves under the table (ScreenLayout: rows + header + 1).
            if let bands = reading.details?.scoreBands, findings.contains(where: { $0.source == .ai }),
               inner.height >= findings.count + 2 {
                buffer.write(Self.legend(bands, width: inner.width), in: inner.row(inner.height - 1), style: style.dim)
            }
            return
        }
        // Said in words, wrapped: an empty table's line could read as "the AI found nothing".
        let lines = emptyText(reading).flatMap { $0.wrapped(toWidth: max(inner.width - 2, 8)) }
        for (i, line) in lines.enumerated() where i < inner.height {
            buffer.write(line, in: inner.row(i), alignment: .center, style: style.dim)
        }
    }

    /// The line under the table: the scales and the box styles, as long as `width` allows.
    static func legend(_ bands: AIScoreBands, width: Int) -> String {
        let candidates = ["Score, Conf 0–100 (? explains) · boxes \(bands.legend)",
                          "Score, Conf 0–100 (? explains) · \(bands.legend)",
                          "Score, Conf 0–100 · ? explains them and the boxes",
                          "Score, Conf 0–100 · ? explains", "Score, Conf 0–100 · ?"]
        return candidates.first { $0.count <= width } ?? candidates[candidates.count - 1]
    }

    /// Which findings are listed: the AI's while shown, the ground truth's only with its overlay.
    static func title(_ reading: ReadingState) -> String {
        let findings = reading.shownFindings
        var sources: [String] = []
        if reading.details?.ai != nil { sources.append("AI \(findings.filter { $0.source == .ai }.count)") }
        if reading.overlay.truth { sources.append("truth \(findings.filter { $0.source == .truth }.count)") }
        // Candidates under the model's lesion threshold are counted, not listed.
        if let below = reading.details?.belowThresholdLabel { sources.append(below) }
        return sources.isEmpty ? "Findings" : "Findings (\(sources.joined(separator: " · ")))"
    }

    /// Why no row is listed: the protocol hides the AI, there is no AI result, or nothing was found.
    func emptyText(_ reading: ReadingState) -> [String] {
        let hidden = reading.aiHiddenNotice
        let ai = hidden ?? (reading.details?.ai == nil ? "No AI result for this study" : "No AI findings in these views")
        if reading.overlay.truth { return [ai, "No ground truth in these views"] }
        return showsTruth && hidden == nil ? [ai, "o shows the ground truth"] : [ai]
    }
}
