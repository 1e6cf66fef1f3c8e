// Draws a text field on one row: an optional prompt, the text scrolled so the cursor is always
// visible, the cursor as a reversed cell, and a dim placeholder while empty.

public struct TextInputView: Sendable {
    public struct Style: Hashable, Sendable {
        public var prompt: CellStyle
        public var text: CellStyle
        public var cursor: CellStyle
        public var placeholder: CellStyle
        public init(prompt: CellStyle = .bold, text: CellStyle = CellStyle(attributes: .underline),
                    cursor: CellStyle = .reverse, placeholder: CellStyle = CellStyle(attributes: [.dim, .underline])) {
            self.prompt = prompt; self.text = text; self.cursor = cursor; self.placeholder = placeholder
        }
    }

    public var prompt: String
    public var placeholder: String
    public var style: Style

    public init(prompt: String = "", placeholder: String = "", style: Style = Style()) {
        self.prompt = prompt
        self.placeholder = placeholder
        self.style = style
    }

    /// Draws into the first row of `rect`; returns the cursor cell (nil when unfocused or
    /// clipped away), where a backend may also put the terminal's own cursor.
    @discardableResult
    public func draw(_ state: TextInputState, into buffer: inout CellBuffer, in rect: Rect, focused: Bool = true) -> Point? {
        guard !rect.isEmpty else { return nil }
        let line = rect.row(0)
        buffer.fill(line)
        let afterPrompt = buffer.write(prompt, at: line.origin, style: style.prompt, clip: line)
        let field = Rect(x: afterPrompt, y: line.y, width: line.maxX - afterPrompt, height: 1)
        guard field.width > 0 else { return nil }
        buffer.fill(field, with: Cell(" ", style: style.text))
        if state.characters.isEmpty && !placeholder.isEmpty && !focused {
            buffer.write(placeholder.truncated(toWidth: field.width), at: field.origin, style: style.placeholder, clip: field)
        }
        // Scroll so the cell after the cursor fits: typing at the end keeps the cursor at the
        // right edge, the usual single-line field behaviour.
        let start = max(0, state.cursorColumn - (field.width - 1))
        var x = field.x - start
        for ch in state.characters {
            x = buffer.write(String(ch), at: Point(x: x, y: field.y), style: style.text, clip: field)
        }
        if state.characters.isEmpty && !placeholder.isEmpty && focused {
            buffer.write(placeholder.truncated(toWidth: field.width - 1), at: Point(x: field.x + 1, y: field.y),
                         style: style.placeholder, clip: field)
        }
        guard focused else { return nil }
        let cursorX = field.x + state.cursorColumn - start
        guard field.contains(x: cursorX, y: field.y) else { return nil }
        let under = state.cursor < state.characters.count ? state.characters[state.cursor] : " "
        if under.terminalWidth == 2 && cursorX + 1 < field.maxX {
            buffer.putWide(under, style: style.cursor, x: cursorX, y: field.y)
        } else {
            buffer.set(Cell(under.terminalWidth == 2 ? " " : under, style: style.cursor), x: cursorX, y: field.y)
        }
        return Point(x: cursorX, y: field.y)
    }
}
