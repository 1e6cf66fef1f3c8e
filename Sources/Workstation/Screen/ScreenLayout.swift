// Where every part of every screen goes for one terminal size (and the reading screen's finding
// count, which sizes its findings panel). Computed once per size and kept (`of(_:findingCount:)`),
// so draw and the reducer read the same rectangles and neither redoes the arithmetic per frame
// or per key.
import TUI

public struct ScreenLayout: Equatable, Sendable {
    public struct Worklist: Equatable, Sendable {
        public var title: Rect
        public var panel: Rect
        /// The table inside the panel (header row included).
        public var table: Rect
        /// The line about the selected study.
        public var detail: Rect
        public var status: Rect
    }

    public struct Reading: Equatable, Sendable {
        public var title: Rect
        /// The row above the picture naming what it shows.
        public var labels: Rect
        public var image: Rect
        public var findings: Rect
        public var metadata: Rect
        public var status: Rect
        /// The findings and metadata panels together: the decision form and the annotation panel take both.
        public var side: Rect { Rect(x: findings.x, y: findings.y, width: findings.width, height: metadata.maxY - findings.y) }
    }

    public struct Report: Equatable, Sendable {
        public var title: Rect
        public var panel: Rect
        /// The report's lines inside the panel.
        public var text: Rect
        public var status: Rect
    }

    public let size: Size
    public let findingCount: Int
    public let worklist: Worklist
    public let reading: Reading
    public let report: Report

    public init(size: Size, findingCount: Int = 0) {
        self.size = size
        self.findingCount = findingCount
        let screen = Rect(size: size)

        let list = screen.rows([.fixed(1), .fill, .fixed(1), .fixed(1)])
        worklist = Worklist(title: list[0], panel: list[1], table: list[1].inset(by: 1), detail: list[2], status: list[3])

        let rows = screen.rows([.fixed(1), .fill, .fixed(1)])
        let body = rows[1]
        // The side panels take 30% of a wide screen (36 to 48 columns), 30 columns of a middling one, none of a narrow one.
        let sideWidth = size.width >= 100 ? min(48, max(36, size.width * 3 / 10)) : (size.width >= 70 ? 30 : 0)
        let columns = body.columns([.fill, .fixed(sideWidth)])
        let picture = columns[0].rows([.fixed(1), .fill])
        let side = columns[1]
        let findingsHeight = min(max(findingCount + 4, 6), max(side.height / 2, 6))
        let panels = side.rows([.fixed(findingsHeight), .fill])
        reading = Reading(title: rows[0], labels: picture[0], image: picture[1], findings: panels[0], metadata: panels[1], status: rows[2])

        report = Report(title: rows[0], panel: rows[1], text: rows[1].inset(by: 1), status: rows[2])
    }

    private static let memo = LayoutMemo()

    /// The layout for `size` and `findingCount`: the one kept from the last call when they are the
    /// same (a resize or another study makes the next one).
    public static func of(_ size: Size, findingCount: Int = 0) -> ScreenLayout {
        memo.layout(size, findingCount: findingCount)
    }

    /// The layout for the state's terminal size and the open study's findings.
    public static func of(_ state: WorkstationState) -> ScreenLayout {
        of(state.size, findingCount: state.reading?.shownFindings.count ?? 0)
    }
}
