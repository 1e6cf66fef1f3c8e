// The reader-study report in the workstation (R on the worklist): first each reader study's
// progress per reader and arm (`mammoterm study status`), then the same text as `mammoterm
// report` — per reader and protocol, reader and AI against ground truth with bootstrap
// intervals, kappa, reading time, the decision-referral grid and braille ROC curves. A reader's
// role on a shared library sees its own progress; the report against truth is the administrator's.
import Foundation
import MammoCore
import Store
import Study
import TUI

public enum ReportScreen {
    public static let hints: [KeyHint] = [
        KeyHint("j k ↑ ↓", "scroll"), KeyHint("PgUp PgDn", "page"), KeyHint("g G", "top / end"), KeyHint("q", "worklist"),
    ]

    /// Rows the report text gets on a screen of `size` (the page for scrolling keys).
    public static func textHeight(_ size: Size) -> Int { max(ScreenLayout.of(size).report.text.height, 1) }

    public static func draw(_ state: WorkstationState, into buffer: inout CellBuffer) {
        let style = state.settings.style
        let l = ScreenLayout.of(buffer.size).report
        TitleBar("mammoterm · Reader study report", style: style).render(into: &buffer, in: l.title)
        let report = state.report ?? ReportState()
        let count = report.lines?.count ?? 0
        let title = count > 0 ? "Report — lines \(report.top + 1)–\(min(report.top + textHeight(state.size), count)) of \(count)" : "Report"
        Panel(title: title, focused: true, style: style.panel).render(into: &buffer, in: l.panel)
        let inner = l.text
        if let failure = report.failure {
            buffer.write(failure, in: inner.row(inner.height / 2), alignment: .center, style: style.error)
        } else if let lines = report.lines {
            for (i, line) in lines.dropFirst(report.top).prefix(inner.height).enumerated() {
                buffer.write(line, in: inner.row(i).inset(by: Insets(left: 1)), style: style.base)
            }
        } else {
            buffer.write("Computing the report (1000 bootstrap resamples)…", in: inner.row(inner.height / 2), alignment: .center, style: style.dim)
        }
        StatusBar(message: state.message, hints: hints, style: style.statusBar).render(into: &buffer, in: l.status)
    }

    /// The report's lines from the library (slow: run it off the UI loop): `mammoterm report`'s
    /// text, its columns kept aligned, after a line on decisions it cannot score yet.
    public static func compute(_ library: Database) -> Result<[String], WorkstationError> {
        do {
            var lines = try ReaderStudyStatus.lines(library, now: .now)
            if library.isShared, try !library.isAdministrator() {
                return .success(lines + ["The report against ground truth is the study administrator's: a reader's role sees neither the truth nor other readers' decisions."])
            }
            // As `mammoterm report`: a record that cannot be read back is counted, not fatal.
            let (records, bad) = try library.readsReportingBad()
            if records.isEmpty && bad.isEmpty {
                return .success(lines + ["No decisions recorded yet: read studies with `mammoterm read --protocol P`, and import",
                                         "ground truth with `mammoterm truth import FILE` so they can be scored."])
            }
            let waiting = initialOnly(records)
            if waiting > 0 {
                lines.append("\(waiting) read(s) with only the initial decision recorded: scored once the final decision is made.")
            }
            if !bad.isEmpty { lines.append("\(bad.count) decision record(s) could not be read and are left out (mammoterm audit verify).") }
            let report = try ReaderStudyReport(cases: ReaderCase.join(records, info: try StudyCaseInfo.all(in: library)), seed: 1, resamples: 1000)
            if report.readsWithoutTruth > 0, let found = try NearbyGroundTruth.locate(in: library) {
                // The screen showed truth from this file; the report scores against the library's.
                lines.append("Ground truth for \(found.studiesWithoutTruth) studies is beside them in \(PrintableText.clean(found.path)), not in the library:")
                lines.append("T on the worklist imports it (or mammoterm truth import \(PrintableText.clean(found.path))).")
            }
            lines += report.text().components(separatedBy: "\n").map(PrintableText.keepingSpaces)
            return .success(lines)
        } catch {
            return .failure(WorkstationError(reason: "cannot make the report: \(error)"))
        }
    }

    /// Reads (reader, study, protocol) whose current initial decision has no final one yet.
    static func initialOnly(_ records: [ReadRecord]) -> Int {
        let current = ReadRecord.latest(records).map(\.record)
        let finals = Set(current.filter { $0.stage == .final }.map { [$0.reader, $0.studyInstanceUID, $0.readingProtocol.rawValue] })
        return current.filter { $0.stage == .initial && !finals.contains([$0.reader, $0.studyInstanceUID, $0.readingProtocol.rawValue]) }.count
    }
}
