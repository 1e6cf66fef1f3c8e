// Writing text into a buffer: one grapheme per cell (two for wide ones), clipped to a
// rectangle, controls made visible, with measuring and truncating helpers for widgets.

extension CellBuffer {
    /// Writes `text` on one line from `origin`, clipped to `clip` (and the buffer). A wide
    /// character that would straddle the clip's right edge is replaced by a space, as terminals
    /// do, rather than half drawn. Returns the column after the last cell written or skipped.
    @discardableResult
    public mutating func write(_ text: String, at origin: Point, style: CellStyle = .plain, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        var x = origin.x
        let y = origin.y
        guard y >= area.y && y < area.maxY else { return x + text.terminalWidth }
        for raw in text {
            let ch = Self.printable(raw)
            let w = ch.terminalWidth
            if w == 0 { continue }
            if x >= area.maxX { break }
            if x < area.x {
                // A wide character cut by the left edge shows its visible half as a space.
                if w == 2 && x + 1 == area.x { set(Cell(" ", style: style), x: area.x, y: y) }
                x += w
                continue
            }
            if w == 2 {
                if x + 1 >= area.maxX {
                    set(Cell(" ", style: style), x: x, y: y)
                    x += 2
                    break
                }
                putWide(ch, style: style, x: x, y: y)
            } else {
                set(Cell(ch, style: style), x: x, y: y)
            }
            x += w
        }
        return x
    }

    /// Writes `text` into the row `rect` (its top line), aligned, truncated with "…" when it
    /// does not fit, and pads the rest of the row with `style` blanks.
    public mutating func write(_ text: String, in rect: Rect, alignment: TextAlignment = .left, style: CellStyle = .plain) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        fill(row, with: Cell(" ", style: style))
        let fitted = text.truncated(toWidth: row.width)
        let w = fitted.terminalWidth
        let x: Int
        switch alignment {
        case .left: x = row.x
        case .right: x = row.maxX - w
        case .center: x = row.x + (row.width - w) / 2
        }
        write(fitted, at: Point(x: x, y: row.y), style: style, clip: row)
    }

    /// A wide character and its continuation cell, breaking whatever wide characters they cut.
    mutating func putWide(_ ch: Character, style: CellStyle, x: Int, y: Int) {
        guard x >= 0 && x + 1 < width && y >= 0 && y < height else { return }
        let i = y * width + x
        breakWideCharacter(at: i, x: x)
        breakWideCharacter(at: i + 1, x: x + 1)
        cells[i] = Cell(ch, style: style)
        var continuation = Cell(" ", style: style)
        continuation.isContinuation = true
        cells[i + 1] = continuation
    }

    /// Tabs become a space and other control characters a visible "?": a control byte written to
    /// a terminal would move its cursor and garble everything after it.
    static func printable(_ ch: Character) -> Character {
        guard let first = ch.unicodeScalars.first else { return "?" }
        let v = first.value
        if v == 0x09 { return " " }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return "?" }
        return ch
    }
}

/// Horizontal placement of text in a cell range.
public enum TextAlignment: Hashable, Sendable {
    case left, center, right
}

extension String {
    /// Columns this text takes on a terminal.
    public var terminalWidth: Int {
        var total = 0
        for ch in self { total += CellBuffer.printable(ch).terminalWidth }
        return total
    }

    /// The longest prefix that fits in `width` columns, ending in "…" when something was cut.
    public func truncated(toWidth width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        if terminalWidth <= width { return self }
        var out = ""
        var used = 0
        for ch in self {
            let w = CellBuffer.printable(ch).terminalWidth
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        out.append(ellipsis)
        return out
    }
}
