// The "?" screen: every key of the current screen, by section, in a centred box. Entries flow
// into more columns when they do not fit the height.

public struct HelpOverlay: Widget, Sendable {
    public struct Section: Hashable, Sendable {
        public var title: String
        public var hints: [KeyHint]
        public init(_ title: String, _ hints: [KeyHint]) { self.title = title; self.hints = hints }
    }

    public struct Style: Hashable, Sendable {
        public var body: CellStyle
        public var border: CellStyle
        public var section: CellStyle
        public var key: CellStyle
        public var footer: CellStyle
        public init(body: CellStyle = .plain, border: CellStyle = .bold, section: CellStyle = CellStyle(attributes: [.bold, .underline]),
                    key: CellStyle = .bold, footer: CellStyle = .dim) {
            self.body = body; self.border = border; self.section = section; self.key = key; self.footer = footer
        }
    }

    public var title: String
    public var sections: [Section]
    public var style: Style
    public var footer: String

    public init(title: String = "Keys", sections: [Section], style: Style = Style(), footer: String = "Esc or ? closes") {
        self.title = title
        self.sections = sections
        self.style = style
        self.footer = footer
    }

    enum Entry { case heading(String), hint(KeyHint), gap }

    /// What the box holds, column by column, and how it is measured.
    struct Metrics {
        var entries: [Entry]
        var keyWidth: Int
        /// Each column as wide as its own longest line, so one long action does not widen them all.
        var columnWidths: [Int]
        var rows: Int
        var footerRows: Int
        var box: Rect
    }

    /// The rectangle the help box takes when centred in `area`.
    public func frame(in area: Rect) -> Rect { metrics(in: area).box }

    func metrics(in area: Rect) -> Metrics {
        var entries: [Entry] = []
        for (i, section) in sections.enumerated() {
            if i > 0 { entries.append(.gap) }
            entries.append(.heading(section.title))
            entries.append(contentsOf: section.hints.map { .hint($0) })
        }
        let keyWidth = sections.flatMap(\.hints).map { $0.keys.terminalWidth }.max() ?? 0
        let footerRows = footer.isEmpty ? 0 : 1
        let maxRows = max(area.height - 2 - footerRows, 1)
        let columnCount = max((entries.count + maxRows - 1) / maxRows, 1)
        let rows = (entries.count + columnCount - 1) / columnCount
        let columnWidths = (0..<columnCount).map { column in
            entries.dropFirst(column * rows).prefix(rows).map { entry -> Int in
                switch entry {
                case .gap: 0
                case .heading(let t): t.terminalWidth
                case .hint(let h): keyWidth + 2 + h.action.terminalWidth
                }
            }.max() ?? 0
        }
        let width = columnWidths.reduce(0, +) + 3 * (columnCount - 1) + 4
        let box = area.centered(Size(width: max(width, title.terminalWidth + 6, footer.terminalWidth + 4),
                                     height: rows + 2 + footerRows))
        return Metrics(entries: entries, keyWidth: keyWidth, columnWidths: columnWidths, rows: rows, footerRows: footerRows, box: box)
    }

    /// Draws the help box centred in `area` (its place is `frame(in:)`).
    public func render(into buffer: inout CellBuffer, in area: Rect) {
        let m = metrics(in: area)
        let (entries, keyWidth, columnWidths, rows, footerRows, box) = (m.entries, m.keyWidth, m.columnWidths, m.rows, m.footerRows, m.box)
        guard box.width >= 4 && box.height >= 3 else { return }
        buffer.fill(box, with: Cell(" ", style: style.body))
        buffer.drawBox(box, box: .double, style: style.border, title: title, titleStyle: style.border, titleAlignment: .center)
        let inner = box.inset(by: Insets(top: 1, left: 2, bottom: 1, right: 2))
        let body = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - footerRows)
        for (i, entry) in entries.enumerated() {
            let column = i / rows, row = i % rows
            guard row < body.height else { continue }
            let x = body.x + columnWidths.prefix(column).reduce(0) { $0 + $1 + 3 }
            let cell = Rect(x: x, y: body.y + row, width: min(columnWidths[column], body.maxX - x), height: 1)
            guard cell.width > 0 else { continue }
            switch entry {
            case .gap: break
            case .heading(let t): buffer.write(t, at: cell.origin, style: style.section, clip: cell)
            case .hint(let h):
                buffer.write(h.keys, at: cell.origin, style: style.key, clip: cell)
                buffer.write(h.action, at: Point(x: x + keyWidth + 2, y: cell.y), style: style.body, clip: cell)
            }
        }
        if !footer.isEmpty {
            buffer.write(footer, in: inner.bottom(1), alignment: .center, style: style.footer)
        }
    }
}
