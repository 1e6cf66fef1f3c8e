// One column of a table: its title, how wide it is, how its text sits.

public struct TableColumn: Hashable, Sendable {
    public var title: String
    /// Width rule, solved like a layout split across the table's width (1 cell between columns).
    public var width: LayoutConstraint
    public var alignment: TextAlignment
    public var isSortable: Bool

    public init(_ title: String, width: LayoutConstraint = .fill, alignment: TextAlignment = .left, isSortable: Bool = true) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.isSortable = isSortable
    }
}
