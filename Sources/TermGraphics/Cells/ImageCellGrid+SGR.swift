// Cell grid → escape-coded text. Colours are sent only where they change along a row, and a
// blank cell's foreground is never sent; each row starts from nothing and ends with a reset,
// so rows can be written anywhere (the TUI places them with cursor moves).

extension ImageCellGrid {
    /// One string per row: SGR colour changes, characters, `ESC[0m`. A grid without any colour
    /// (monochrome) comes out as plain text, not a single escape code (NO_COLOR).
    public func sgrLines() -> [String] {
        if cells.allSatisfy({ $0.foreground == nil && $0.background == nil }) { return text }
        return (0..<rows).map { r in
            var out: [UInt8] = []
            out.reserveCapacity(columns * 12)
            // Unknown at the row's start: the first cell always sets what it needs.
            var foreground: CellColour?? = .none, background: CellColour?? = .none
            for cell in row(r) {
                var codes: [String] = []
                if cell.showsForeground, foreground != .some(cell.foreground) {
                    codes.append(Self.code(cell.foreground, base: 38)); foreground = .some(cell.foreground)
                }
                if background != .some(cell.background) {
                    codes.append(Self.code(cell.background, base: 48)); background = .some(cell.background)
                }
                if !codes.isEmpty { out += Array("\u{1B}[\(codes.joined(separator: ";"))m".utf8) }
                out += Array(String(cell.character).utf8)
            }
            out += Array("\u{1B}[0m".utf8)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The rows with the top-left cell at 1-based (row, column): cursor moves between rows,
    /// so nothing outside the rectangle is touched. One buffer for one write.
    public func sgrText(row: Int, column: Int) -> [UInt8] {
        var out: [UInt8] = []
        for (i, line) in sgrLines().enumerated() {
            out += TerminalSequence.cursorPosition(row: row + i, column: column)
            out += Array(line.utf8)
        }
        return out
    }

    /// `38;2;r;g;b`, `38;5;n` or `39` (default); 48/49 for the background.
    static func code(_ colour: CellColour?, base: Int) -> String {
        switch colour {
        case .none: "\(base + 1)"
        case .rgb(let c)?: "\(base);2;\(c.r);\(c.g);\(c.b)"
        case .indexed(let slot)?: "\(base);5;\(slot)"
        }
    }
}
