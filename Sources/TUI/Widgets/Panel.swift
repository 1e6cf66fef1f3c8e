// A bordered panel with a title; the border is heavier while the panel has the focus, so the
// reader sees where Tab has taken them. Returns the inside for the panel's content.

public struct Panel: Sendable {
    public struct Style: Hashable, Sendable {
        public var border: CellStyle
        public var focusedBorder: CellStyle
        public var title: CellStyle
        public var box: BoxStyle
        public var focusedBox: BoxStyle
        public init(border: CellStyle = .dim, focusedBorder: CellStyle = .plain,
                    title: CellStyle = .bold, box: BoxStyle = .rounded, focusedBox: BoxStyle = .heavy) {
            self.border = border; self.focusedBorder = focusedBorder; self.title = title
            self.box = box; self.focusedBox = focusedBox
        }
    }

    public var style: Style
    public init(style: Style = Style()) { self.style = style }

    /// Clears `rect`, draws the border and title, and returns the inner rectangle.
    @discardableResult
    public func draw(title: String, focused: Bool = false, into buffer: inout CellBuffer, in rect: Rect) -> Rect {
        buffer.fill(rect)
        buffer.drawBox(rect, box: focused ? style.focusedBox : style.box,
                       style: focused ? style.focusedBorder : style.border,
                       title: title, titleStyle: style.title)
        return rect.inset(by: 1)
    }
}
