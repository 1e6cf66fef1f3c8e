// A row as runs of equally styled text, for tests that check colours and attributes the way
// `tmux capture-pane -e` shows them, without comparing cell by cell.

/// Text drawn in one style from column `x`.
public struct StyledRun: Hashable, Sendable {
    public var x: Int
    public var text: String
    public var style: CellStyle
    public init(x: Int, text: String, style: CellStyle) { self.x = x; self.text = text; self.style = style }
}

extension CellBuffer {
    /// Row `y` split where the style changes (continuation cells join their character's run).
    public func styledRuns(inRow y: Int) -> [StyledRun] {
        guard y >= 0 && y < height else { return [] }
        var runs: [StyledRun] = []
        for x in 0..<width {
            let cell = cells[y * width + x]
            if cell.isContinuation { continue }
            if let last = runs.last, last.style == cell.style {
                runs[runs.count - 1].text.append(cell.character)
            } else {
                runs.append(StyledRun(x: x, text: String(cell.character), style: cell.style))
            }
        }
        return runs
    }

    /// The style of the first cell of `text` in row `y`; nil when the row does not contain it.
    public func style(of text: String, inRow y: Int) -> CellStyle? {
        let row = line(y)
        guard let range = row.range(of: text) else { return nil }
        // Columns, not characters: wide characters before the match take two.
        let column = String(row[..<range.lowerBound]).terminalWidth
        return self[column, y].style
    }
}
