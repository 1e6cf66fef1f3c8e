// How text looks when written: colours and attributes, without the character. Widgets take
// styles; a cell is a character plus a style.

public struct CellStyle: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: CellAttributes

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default,
                attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = CellStyle()
    public static let bold = CellStyle(attributes: .bold)
    public static let reverse = CellStyle(attributes: .reverse)
    public static let dim = CellStyle(attributes: .dim)

    /// This style with `extra` attributes added.
    public func adding(_ extra: CellAttributes) -> CellStyle {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }
}
