// The top line of every screen: where the reader is on the left, the research-use disclaimer
// on the right (it must stay visible whatever the screen), shortened before it is dropped.
import TUI

public struct TitleBar: Widget, Sendable {
    public static let disclaimer = "Research and demonstration only — not for diagnosis"
    static let shortDisclaimer = "Research use only — not for diagnosis"

    public var title: String
    public var style: ScreenStyle

    public init(_ title: String, style: ScreenStyle) {
        self.title = title
        self.style = style
    }

    public func render(into buffer: inout CellBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let line = rect.row(0)
        let bar = style.status
        buffer.fill(line, with: Cell(" ", style: bar))
        let warning = CellStyle(foreground: style.warning.foreground, background: bar.background, attributes: .bold)
        var notice = Self.disclaimer
        if notice.terminalWidth + title.terminalWidth + 4 > line.width { notice = Self.shortDisclaimer }
        let noticeWidth = min(notice.terminalWidth, max(line.width - 2, 0))
        buffer.write(notice.truncated(toWidth: noticeWidth), at: Point(x: line.maxX - noticeWidth - 1, y: line.y), style: warning, clip: line)
        let titleRoom = line.width - noticeWidth - 4
        if titleRoom > 0 {
            let titleStyle = CellStyle(foreground: style.accent.foreground, background: bar.background, attributes: .bold)
            buffer.write(title.truncated(toWidth: titleRoom), at: Point(x: line.x + 1, y: line.y), style: titleStyle, clip: line)
        }
    }
}
