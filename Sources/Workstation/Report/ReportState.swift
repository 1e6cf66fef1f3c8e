// The report screen's state: the reader-study report as text lines (made off the UI loop from
// the library's records, ground truth and AI results), and how far it is scrolled.

public struct ReportState: Equatable, Sendable {
    /// nil while the report is being computed.
    public var lines: [String]?
    public var failure: String?
    public var top = 0

    public init(lines: [String]? = nil) { self.lines = lines }

    /// Scrolls by `delta` lines within the report shown in `height` rows.
    public mutating func scroll(_ delta: Int, height: Int) {
        let count = lines?.count ?? 0
        top = min(max(top + delta, 0), max(count - height, 0))
    }
}
