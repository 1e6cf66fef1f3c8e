// A bordered panel with a title; the border is heavier while the panel has the focus, so the
// reader sees where Tab has taken them. Its content goes in `contentRect(in:)`.

public struct Panel: Widget, Sendable {
    public struct Style: Hashable, Sendable {
        public var border: CellStyle
        public var focusedBorder: CellStyle
        public var title: CellStyle
        public var box: BoxStyle
        public var focusedBox: BoxStyle
        /// Fills the inside (a theme's background); nil leaves it blank.
        public var content: CellStyle?
        public init(border: CellStyle = .dim, focusedBorder: CellStyle = .plain,
                    title: CellStyle = .bold, box: BoxStyle = .rounded, focusedBox: BoxStyle = .heavy, content: CellStyle? = nil) {
            self.border = border; self.focusedBorder = focusedBorder; self.title = title
            self.box = box; self.focusedBox = focusedBox; self.content = content
        }
    }

    public var title: String
    public var focused: Bool
    public var style: Style

    public init(title: String = "", focused: Bool = false, style: Style = Style()) {
        self.title = title
        self.focused = focused
        self.style = style
    }

    /// The inside of the border, where the content goes.
    public func contentRect(in rect: Rect) -> Rect { rect.inset(by: 1) }

    /// Clears `rect` and draws the border and title.
    public func render(into buffer: inout CellBuffer, in rect: Rect) {
        buffer.fill(rect)
        buffer.drawBox(rect, box: focused ? style.focusedBox : style.box,
                       style: focused ? style.focusedBorder : style.border,
                       title: title, titleStyle: style.title)
        if let content = style.content { buffer.fill(contentRect(in: rect), with: Cell(" ", style: content)) }
    }
}
