// The reader-study report for people (may change; the JSON and CSV are the contracts): one block
// per reader and protocol with the metrics table, ROC curves as braille plots, the referral grid
// and the subgroups.
import MammoCore

extension ReaderStudyReport {
    public func text() -> String {
        var lines: [String] = []
        lines.append("Reader study: \(groups.count) reader x protocol group(s); \(Int(level * 100))% bootstrap intervals, \(resamples) resamples, seed \(seed)")
        if readsWithoutTruth > 0 { lines.append("\(readsWithoutTruth) final decision(s) left out: no ground truth (mammoterm truth import)") }
        if groups.isEmpty { lines.append("No final decisions with ground truth to report.") }
        for group in groups {
            lines.append("")
            lines.append("== reader \(PrintableText.clean(group.reader)), protocol \(group.readingProtocol.rawValue) ==")
            lines += Self.summaryLines(group.all)
            if let curves = curves["\(group.reader)\u{0}\(group.readingProtocol.rawValue)"] {
                let left = curves.reader.map { BraillePlot.roc($0, title: "ROC reader (suspicion)") } ?? []
                let right = curves.ai.map { BraillePlot.roc($0, title: "ROC AI alone (score)") } ?? []
                let width = (left.map(\.count).max() ?? 0) + 4
                for index in 0..<max(left.count, right.count) {
                    let l = index < left.count ? left[index] : ""
                    let r = index < right.count ? right[index] : ""
                    lines.append("  " + l.padding(toLength: width, withPad: " ", startingAt: 0) + r)
                }
            }
            if let referral = group.referral {
                lines.append("")
                lines.append("Decision referral (thresholds calibrated on these reads' AI scores; reader = own call before AI/alert):")
                lines.append("  NT     SN     t_nt     t_sn     triaged  alerts   sens    spec    PPV     Δsens    Δspec    ΔPPV")
                for c in referral.cells {
                    lines.append("  " + [pad(c.ntTarget, 6), pad(c.snTarget, 6), pad(Self.number(c.ntThreshold), 8), pad(Self.number(c.snThreshold), 8),
                                         pad(Self.percent(c.fractionTriaged), 8), pad(Self.percent(c.fractionAlerts), 8),
                                         pad(Self.percent(c.sensitivity), 7), pad(Self.percent(c.specificity), 7), pad(Self.percent(c.ppv), 7),
                                         pad(Self.signed(c.sensitivityChange), 8), pad(Self.signed(c.specificityChange), 8),
                                         Self.signed(c.ppvChange)].joined(separator: " "))
                }
            } else if let note = group.referralNote {
                lines.append("  (\(note))")
            }
            if !group.subgroups.isEmpty {
                lines.append("")
                lines.append("By subgroup:")
                lines.append("  subgroup          n   cancers  reader sens/spec/AUC        AI sens/spec/AUC            kappa  time (median)")
                for s in group.subgroups {
                    let r = s.summary.reader, a = s.summary.ai
                    lines.append("  " + pad("\(s.name)=\(PrintableText.clean(s.value))", 16) + " " + pad("\(s.summary.cases)", 4) + pad("\(s.summary.cancers)", 9)
                                 + pad("\(Self.percent(r.sensitivity?.estimate))/\(Self.percent(r.specificity?.estimate))/\(Self.number(r.auc?.estimate))", 28)
                                 + pad(a.map { "\(Self.percent($0.sensitivity?.estimate))/\(Self.percent($0.specificity?.estimate))/\(Self.number($0.auc?.estimate))" } ?? "-", 28)
                                 + pad(Self.number(s.summary.kappa), 7) + (s.summary.readingSeconds.map { Self.seconds($0.median) + " s" } ?? "-"))
                }
            }
        }
        lines.append("")
        lines.append("Research and demonstration only; not for diagnosis.")
        return lines.joined(separator: "\n")
    }

    static func summaryLines(_ s: Summary) -> [String] {
        var lines = ["\(s.cases) cases, \(s.cancers) cancers, \(s.casesWithAI) with an AI result"]
        lines.append("                reader                      AI alone")
        func row(_ name: String, _ r: Interval?, _ a: Interval?, _ format: (Double?) -> String) -> String {
            func ci(_ i: Interval?) -> String {
                guard let i else { return "-" }
                guard let lo = i.lower, let hi = i.upper else { return format(i.estimate) }
                return "\(format(i.estimate)) (\(format(lo))–\(format(hi)))"
            }
            return "  " + pad(name, 13) + " " + pad(ci(r), 27) + " " + ci(a)
        }
        lines.append(row("sensitivity", s.reader.sensitivity, s.ai?.sensitivity, percent))
        lines.append(row("specificity", s.reader.specificity, s.ai?.specificity, percent))
        lines.append(row("PPV", s.reader.ppv, s.ai?.ppv, percent))
        lines.append(row("AUC", s.reader.auc, s.ai?.auc, number))
        lines.append("  kappa reader vs AI: \(number(s.kappa))" + (s.readingSeconds.map {
            "   reading time: median \(seconds($0.median)) s (IQR \(seconds($0.q1))–\(seconds($0.q3)))"
        } ?? ""))
        return lines
    }

    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "-" }
    static func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }
    static func seconds(_ value: Double) -> String { String(format: "%.1f", value) }
    static func signed(_ value: Double?) -> String { value.map { String(format: "%+.1f pt", $0 * 100) } ?? "-" }
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
}
