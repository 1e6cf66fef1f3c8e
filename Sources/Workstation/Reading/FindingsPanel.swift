// The reading screen's findings panel: the study's AI and ground-truth findings as a table, the
// one `n`/`N` steps through selected.
import MammoCore
import TUI

public struct FindingsPanel: StatefulWidget, Sendable {
    public var style: ScreenStyle
    public init(style: ScreenStyle) { self.style = style }

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
        let findings = reading.details?.findings ?? []
        let ai = findings.filter { $0.source == .ai }.count, truth = findings.filter { $0.source == .truth }.count
        let below = reading.details?.belowThresholdLabel
        let sources = [ai > 0 ? "AI \(ai)" : nil, truth > 0 ? "truth \(truth)" : nil, below].compactMap { $0 }
        let panel = Panel(title: sources.isEmpty ? "Findings" : "Findings (\(sources.joined(separator: " · ")))", style: style.panel)
        panel.render(into: &buffer, in: rect)
        if reading.details == nil { return }
        TableView(columns: Self.columns, rows: Self.rows(findings), style: style.table, emptyText: "No findings in these views")
            .render(into: &buffer, in: panel.contentRect(in: rect), state: reading.findings)
    }
}
