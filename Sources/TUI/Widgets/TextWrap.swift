// Word wrapping by terminal columns, for dialog messages and help text.

extension String {
    /// Lines of at most `width` columns, broken at spaces where possible and inside words that
    /// are longer than a line. Newlines in the text start new lines.
    public func wrapped(toWidth width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var w = String(word)
                var ww = w.terminalWidth
                if lineWidth > 0 && lineWidth + 1 + ww <= width {
                    line += " " + w
                    lineWidth += 1 + ww
                    continue
                }
                if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                while ww > width {
                    // Hard-break a word longer than the line.
                    var head = "", headWidth = 0
                    var rest = Substring(w)
                    while let c = rest.first, headWidth + c.terminalWidth <= width {
                        head.append(c); headWidth += c.terminalWidth; rest.removeFirst()
                    }
                    if head.isEmpty, let c = rest.first { head.append(c); rest.removeFirst() }
                    lines.append(head)
                    w = String(rest)
                    ww = w.terminalWidth
                }
                line = w
                lineWidth = ww
            }
            lines.append(line)
        }
        return lines
    }
}
