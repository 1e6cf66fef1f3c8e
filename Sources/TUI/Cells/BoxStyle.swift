// The Unicode box-drawing characters for one kind of border.

public struct BoxStyle: Hashable, Sendable {
    public var topLeft: Character, top: Character, topRight: Character
    public var left: Character, right: Character
    public var bottomLeft: Character, bottom: Character, bottomRight: Character

    /// `corners` clockwise from the top-left ("┌┐┘└"); anything but four characters (a theme
    /// file's typo) falls back to the light corners rather than trapping.
    public init(_ corners: String, horizontal: Character, vertical: Character) {
        let given = Array(corners)
        let c = given.count == 4 ? given : Array("┌┐┘└")
        topLeft = c[0]; topRight = c[1]; bottomRight = c[2]; bottomLeft = c[3]
        top = horizontal; bottom = horizontal; left = vertical; right = vertical
    }

    public static let light = BoxStyle("┌┐┘└", horizontal: "─", vertical: "│")
    public static let rounded = BoxStyle("╭╮╯╰", horizontal: "─", vertical: "│")
    public static let heavy = BoxStyle("┏┓┛┗", horizontal: "━", vertical: "┃")
    public static let double = BoxStyle("╔╗╝╚", horizontal: "═", vertical: "║")
    /// For terminals or fonts without box drawing.
    public static let ascii = BoxStyle("++++", horizontal: "-", vertical: "|")
}
