// A one-line bar: a status message on the left and key hints ("q quit  ? help") on the right.
// A message is what just happened and matters now: hints make room for it (up to two thirds of
// the line), dropped from the end, except the first (usually help), which always stays. A message
// longer than its room is cut at a word, with "…", never inside one.

public struct StatusBar: Widget, Sendable {
    public struct Style: Hashable, Sendable {
        public var bar: CellStyle
        public var key: CellStyle
        public var message: CellStyle
        public init(bar: CellStyle = .reverse, key: CellStyle = CellStyle(attributes: [.reverse, .bold]),
                    message: CellStyle = .reverse) {
            self.bar = bar; self.key = key; self.message = message
        }
    }

    public var message: String
    public var hints: [KeyHint]
    public var style: Style

    public init(message: String = "", hints: [KeyHint] = [], style: Style = Style()) {
        self.message = message
        self.hints = hints
        self.style = style
    }

    public func render(into buffer: inout CellBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let line = rect.row(0)
        buffer.fill(line, with: Cell(" ", style: style.bar))
        // The message's width is kept free, up to two thirds of the line (the first hint always
        // stays); each hint is "KEY action", two spaces apart, one space from the right edge.
        let reserve = message.isEmpty ? 0 : min(message.terminalWidth + 2, line.width * 2 / 3)
        var shown: [KeyHint] = []
        var total = 1
        for hint in hints {
            let w = hint.keys.terminalWidth + 1 + hint.action.terminalWidth + (shown.isEmpty ? 0 : 2)
            if total + w > line.width - (shown.isEmpty ? 0 : reserve) { break }
            shown.append(hint)
            total += w
        }
        if shown.isEmpty { total = 0 }
        var x = line.maxX - total
        for (i, hint) in shown.enumerated() {
            if i > 0 { x += 2 }
            x = buffer.write(hint.keys, at: Point(x: x, y: line.y), style: style.key, clip: line)
            x = buffer.write(" " + hint.action, at: Point(x: x, y: line.y), style: style.bar, clip: line)
        }
        let messageRoom = line.width - total - 2
        if messageRoom > 0 && !message.isEmpty {
            buffer.write(Self.cutAtWord(message, toWidth: messageRoom), at: Point(x: line.x + 1, y: line.y),
                         style: style.message, clip: line)
        }
    }

    /// `text` when it fits in `width` columns, else its words that fit and "…".
    static func cutAtWord(_ text: String, toWidth width: Int) -> String {
        guard text.terminalWidth > width else { return text }
        guard width > 1, let first = text.wrapped(toWidth: width - 1).first else { return width > 0 ? "…" : "" }
        return first + "…"
    }
}
