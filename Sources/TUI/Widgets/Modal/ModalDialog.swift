// Draws a modal dialog centred over an area: a double border with the title, the wrapped
// message, and a row of buttons with the chosen one reversed. Sizes itself to its content.

public struct ModalDialog: StatefulWidget, Sendable {
    public struct Style: Hashable, Sendable {
        public var body: CellStyle
        public var border: CellStyle
        public var title: CellStyle
        public var button: CellStyle
        public var selectedButton: CellStyle
        public var box: BoxStyle
        public init(body: CellStyle = .plain, border: CellStyle = .bold, title: CellStyle = .bold,
                    button: CellStyle = .plain, selectedButton: CellStyle = CellStyle(attributes: [.reverse, .bold]),
                    box: BoxStyle = .double) {
            self.body = body; self.border = border; self.title = title
            self.button = button; self.selectedButton = selectedButton; self.box = box
        }
    }

    public var style: Style
    /// The widest the dialog grows, in columns (the area may make it narrower).
    public var maxWidth: Int
    public init(style: Style = Style(), maxWidth: Int = 60) {
        self.style = style
        self.maxWidth = maxWidth
    }

    /// The rectangle the dialog takes when centred in `area`.
    public func frame(for state: ModalState, in area: Rect) -> Rect {
        let buttonsWidth = buttonLabels(state).reduce(0) { $0 + $1.terminalWidth } + 2 * max(state.buttons.count - 1, 0)
        let natural = max(state.title.terminalWidth + 4,
                          state.message.split(separator: "\n").map { String($0).terminalWidth }.max() ?? 0,
                          buttonsWidth, 16) + 4
        let width = min(natural, maxWidth, area.width)
        let lines = state.message.wrapped(toWidth: max(width - 4, 1))
        let height = lines.count + 2 + (state.buttons.isEmpty ? 0 : 2) + 2
        return area.centered(Size(width: width, height: min(height, area.height)))
    }

    /// Draws the dialog over whatever is in `area` (its place is `frame(for:in:)`).
    public func render(into buffer: inout CellBuffer, in area: Rect, state: ModalState) {
        let box = frame(for: state, in: area)
        guard box.width >= 4 && box.height >= 3 else { return }
        buffer.fill(box, with: Cell(" ", style: style.body))
        buffer.drawBox(box, box: style.box, style: style.border, title: state.title, titleStyle: style.title, titleAlignment: .center)
        let inner = box.inset(by: Insets(top: 2, left: 2, bottom: 1, right: 2))
        let buttonRow = state.buttons.isEmpty ? nil : inner.bottom(1)
        let messageArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - (buttonRow == nil ? 0 : 2))
        for (i, line) in state.message.wrapped(toWidth: max(inner.width, 1)).enumerated() where i < messageArea.height {
            buffer.write(line, in: messageArea.row(i), alignment: .center, style: style.body)
        }
        if let buttonRow {
            let labels = buttonLabels(state)
            let total = labels.reduce(0) { $0 + $1.terminalWidth } + 2 * (labels.count - 1)
            var x = buttonRow.x + max((buttonRow.width - total) / 2, 0)
            for (i, label) in labels.enumerated() {
                let s = i == state.selectedButton ? style.selectedButton : style.button
                x = buffer.write(label, at: Point(x: x, y: buttonRow.y), style: s, clip: buttonRow) + 2
            }
        }
    }

    func buttonLabels(_ state: ModalState) -> [String] { state.buttons.map { "[ \($0.title) ]" } }
}
