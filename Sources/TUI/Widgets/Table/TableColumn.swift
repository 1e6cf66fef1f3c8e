// One column of a table: its title, how wide it is, how its text sits.

public struct TableColumn: Hashable, Sendable {
    public var title: String
    /// Width rule, solved like a layout split across the table's width (1 cell between columns).
    public var width: LayoutConstraint
    public var alignment: TextAlignment
    public var isSortable: Bool
    /// The direction of the first sort by this column; false for scores, where the highest
    /// are the ones a reader wants to see first.
    public var firstSortAscending: Bool

    public init(_ title: String, width: LayoutConstraint = .fill, alignment: TextAlignment = .left, isSortable: Bool = true,
                firstSortAscending: Bool = true) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.isSortable = isSortable
        self.firstSortAscending = firstSortAscending
    }
}
