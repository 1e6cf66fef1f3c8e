// The buffer as plain text lines (and a compact style listing), the way the test backend
// records frames and tests compare them.

extension CellBuffer {
    /// One string per row; continuation cells add nothing (the wide character before them
    /// already takes two columns). Trailing spaces are kept so columns line up in assertions.
    public var lines: [String] {
        (0..<height).map { line($0) }
    }

    public func line(_ y: Int) -> String {
        guard y >= 0 && y < height else { return "" }
        var s = ""
        s.reserveCapacity(width)
        for x in 0..<width {
            let c = cells[y * width + x]
            if !c.isContinuation { s.append(c.character) }
        }
        return s
    }

    /// All rows joined by newlines, trailing spaces and empty last rows removed: the shape of
    /// a text screenshot (and of `tmux capture-pane -p`).
    public var text: String {
        var rows = lines.map { line in
            var l = line
            while l.last == " " { l.removeLast() }
            return l
        }
        while rows.last?.isEmpty == true { rows.removeLast() }
        return rows.joined(separator: "\n")
    }

    /// The text in `rect` (one string per row), for checking one widget's area.
    public func text(in rect: Rect) -> [String] {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return [] }
        return (r.y..<r.maxY).map { y in
            var s = ""
            for x in r.x..<r.maxX where !cells[y * width + x].isContinuation { s.append(cells[y * width + x].character) }
            return s
        }
    }
}

extension CellBuffer {
    /// A buffer showing `lines` in the default style, one row each, as wide as the widest line
    /// and as high as the lines (or `width` and `height`: lines are padded with blanks, and cut
    /// where they do not fit). Wide characters take two cells and control characters show as
    /// "?", as `write` does. How tests write the screen they expect.
    public init(lines: [String], width: Int? = nil, height: Int? = nil) {
        self.init(width: width ?? lines.map(\.terminalWidth).max() ?? 0, height: height ?? lines.count)
        for (y, line) in lines.enumerated() { write(line, at: Point(x: 0, y: y)) }
    }
}
