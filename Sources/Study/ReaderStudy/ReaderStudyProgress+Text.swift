// `study status` for people (may change; the JSON is the contract): one line per reader × arm in
// reading order, columns aligned. Reader and study names are outside text and pass through
// PrintableText first, so a name cannot carry escape sequences to the terminal.
import Foundation
import MammoCore

extension ReaderStudyProgress {
    public func table() -> String {
        let header = ["reader", "arm", "done/total", "percent", "state"]
        var rows: [[String]] = []
        for reader in readers {
            let name = PrintableText.clean(reader.reader)
            for arm in reader.arms {
                rows.append([name, arm.arm.rawValue, "\(arm.done)/\(arm.total)", String(format: "%.1f%%", arm.fraction * 100), Self.stateText(arm.state)])
            }
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            // Numbers right-aligned, text left-aligned; no trailing spaces after the last column.
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column == 2 || column == 3 { return padding + cell }
                return column == cells.count - 1 ? cell : cell + padding
            }.joined(separator: "  ")
        }
        var lines = ["Reader study \(PrintableText.clean(study)): \(readers.count) reader(s), \(caseCount) case(s), washout \(ReaderStudyDesign.washoutText(washoutSeconds)); at \(now.minuteText)"]
        lines.append(line(header))
        lines += rows.map(line)
        let finished = readers.filter { $0.next == .finished }.count
        lines.append("\(finished) of \(readers.count) reader(s) finished.")
        return lines.joined(separator: "\n")
    }

    static func stateText(_ state: State) -> String {
        switch state {
        case .notStarted: "not started"
        case .reading: "reading"
        case .washout(let until): "washout until \(until.minuteText)"
        case .done: "done"
        }
    }
}
