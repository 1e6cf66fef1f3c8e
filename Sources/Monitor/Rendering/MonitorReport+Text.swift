// The report as an aligned plain-text table for a terminal: one line per window (its alarms, else its
// unconfirmed signals, counted), the active alarms named at the end.
import MammoCore

extension MonitorReport {
    public func tableText() -> String {
        let header = ["stratum", "start", "n", "psi", "ks", "ks p", "W1", "AI+ rate", "est AUC", "recall", "alarms"]
        var rows: [[String]] = [header]
        for w in windows {
            rows.append([
                PrintableText.clean(w.stratum), w.start, "\(w.n)", MonitorNumber.text(w.psi), MonitorNumber.text(w.ks),
                MonitorNumber.text(w.ksP), MonitorNumber.text(w.wasserstein), MonitorNumber.text(w.aiPositiveRate),
                MonitorNumber.text(w.estimatedAUC), MonitorNumber.text(w.kpis.all.recallRate.rate),
                !w.alarms.isEmpty ? "\(w.alarms.count) ALARM"
                    : !w.signals.isEmpty ? "\(w.signals.count) signal"  // a limit crossed, not yet confirmed
                    : w.alarmsEligible ? "" : "(n < minimum)",
            ])
        }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var lines = rows.map { row in
            row.enumerated().map { i, cell in
                // Text columns left-aligned, numbers right-aligned.
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i <= 1 || i == header.count - 1 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let active = activeAlarms
        if !active.isEmpty {
            lines.append("")
            lines.append("Active alarms (latest window of each stratum):")
            for item in active { lines.append("  \(PrintableText.clean(item.stratum)) \(item.start): \(item.alarm.summary)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
