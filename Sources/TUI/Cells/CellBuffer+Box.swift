// Borders and lines with Unicode box drawing.

extension CellBuffer {
    /// A border around the edge of `rect` with an optional title in the top edge
    /// ("┌ Title ──┐"), truncated to fit. Rectangles under 2x2 draw nothing.
    public mutating func drawBox(_ rect: Rect, box: BoxStyle = .light, style: CellStyle = .plain,
                                 title: String? = nil, titleStyle: CellStyle? = nil,
                                 titleAlignment: TextAlignment = .left) {
        guard rect.width >= 2 && rect.height >= 2 else { return }
        let (x0, y0, x1, y1) = (rect.x, rect.y, rect.maxX - 1, rect.maxY - 1)
        drawHorizontalLine(x: x0 + 1, y: y0, length: rect.width - 2, character: box.top, style: style)
        drawHorizontalLine(x: x0 + 1, y: y1, length: rect.width - 2, character: box.bottom, style: style)
        drawVerticalLine(x: x0, y: y0 + 1, length: rect.height - 2, character: box.left, style: style)
        drawVerticalLine(x: x1, y: y0 + 1, length: rect.height - 2, character: box.right, style: style)
        set(Cell(box.topLeft, style: style), x: x0, y: y0)
        set(Cell(box.topRight, style: style), x: x1, y: y0)
        set(Cell(box.bottomLeft, style: style), x: x0, y: y1)
        set(Cell(box.bottomRight, style: style), x: x1, y: y1)
        if let title, !title.isEmpty, rect.width >= 5 {
            // One border cell and one space each side of the title.
            let room = rect.width - 4
            let text = " " + title.truncated(toWidth: room) + " "
            let w = text.terminalWidth
            let x: Int
            switch titleAlignment {
            case .left: x = x0 + 1
            case .center: x = x0 + (rect.width - w) / 2
            case .right: x = x1 - w
            }
            write(text, at: Point(x: x, y: y0), style: titleStyle ?? style,
                  clip: Rect(x: x0 + 1, y: y0, width: rect.width - 2, height: 1))
        }
    }

    public mutating func drawHorizontalLine(x: Int, y: Int, length: Int, character: Character = "─", style: CellStyle = .plain) {
        guard length > 0 else { return }
        for i in 0..<length { set(Cell(character, style: style), x: x + i, y: y) }
    }

    public mutating func drawVerticalLine(x: Int, y: Int, length: Int, character: Character = "│", style: CellStyle = .plain) {
        guard length > 0 else { return }
        for i in 0..<length { set(Cell(character, style: style), x: x, y: y + i) }
    }
}
