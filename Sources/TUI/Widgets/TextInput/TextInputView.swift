// Draws a text field on one row: an optional prompt, the text scrolled so the cursor is always
// visible, the cursor as a reversed cell, and a dim placeholder while empty.

public struct TextInputView: StatefulWidget, Sendable {
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
    /// Unfocused, the field shows no cursor and its placeholder starts in the first column.
    public var focused: Bool
    public var style: Style

    public init(prompt: String = "", placeholder: String = "", focused: Bool = true, style: Style = Style()) {
        self.prompt = prompt
        self.placeholder = placeholder
        self.focused = focused
        self.style = style
    }

    /// The field's cells after the prompt, on the first row of `rect`.
    func field(in rect: Rect) -> Rect {
        let line = rect.row(0)
        let start = min(line.x + prompt.terminalWidth, line.maxX)
        return Rect(x: start, y: line.y, width: line.maxX - start, height: line.isEmpty ? 0 : 1)
    }

    /// The first column shown: scrolled so the cell after the cursor fits, so typing at the end
    /// keeps the cursor at the right edge, the usual single-line field behaviour.
    func scroll(_ state: TextInputState, field: Rect) -> Int { max(0, state.cursorColumn - (field.width - 1)) }

    /// The cursor's cell when the field is rendered in `rect` (nil when unfocused or clipped
    /// away), where a backend may also put the terminal's own cursor.
    public func cursorCell(for state: TextInputState, in rect: Rect) -> Point? {
        let field = field(in: rect)
        guard focused, field.width > 0 else { return nil }
        let cursorX = field.x + state.cursorColumn - scroll(state, field: field)
        return field.contains(x: cursorX, y: field.y) ? Point(x: cursorX, y: field.y) : nil
    }

    /// Draws into the first row of `rect`.
    public func render(into buffer: inout CellBuffer, in rect: Rect, state: TextInputState) {
        guard !rect.isEmpty else { return }
        let line = rect.row(0)
        buffer.fill(line)
        buffer.write(prompt, at: line.origin, style: style.prompt, clip: line)
        let field = field(in: rect)
        guard field.width > 0 else { return }
        buffer.fill(field, with: Cell(" ", style: style.text))
        if state.characters.isEmpty && !placeholder.isEmpty && !focused {
            buffer.write(placeholder.truncated(toWidth: field.width), at: field.origin, style: style.placeholder, clip: field)
        }
        var x = field.x - scroll(state, field: field)
        for ch in state.characters {
            x = buffer.write(String(ch), at: Point(x: x, y: field.y), style: style.text, clip: field)
        }
        if state.characters.isEmpty && !placeholder.isEmpty && focused {
            buffer.write(placeholder.truncated(toWidth: field.width - 1), at: Point(x: field.x + 1, y: field.y),
                         style: style.placeholder, clip: field)
        }
        guard let cursor = cursorCell(for: state, in: rect) else { return }
        let under = state.cursor < state.characters.count ? state.characters[state.cursor] : " "
        if under.terminalWidth == 2 && cursor.x + 1 < field.maxX {
            buffer.putWide(under, style: style.cursor, x: cursor.x, y: cursor.y)
        } else {
            buffer.set(Cell(under.terminalWidth == 2 ? " " : under, style: style.cursor), x: cursor.x, y: cursor.y)
        }
    }
}
