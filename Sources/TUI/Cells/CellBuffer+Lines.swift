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
