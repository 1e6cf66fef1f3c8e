// A mouse report at a cell: a button pressed or released, the pointer moved (with a button
// held, where the terminal reports drags), or the wheel turned.

public struct MouseEvent: Hashable, Sendable {
    public enum Button: Hashable, Sendable { case left, middle, right }

    public enum Kind: Hashable, Sendable {
        case press(Button)
        case release(Button)
        /// The pointer moved; `button` is the one held, nil when none is.
        case move(Button?)
        case wheelUp
        case wheelDown
    }

    public struct Modifiers: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let shift = Modifiers(rawValue: 1)
        public static let alt = Modifiers(rawValue: 2)
        public static let control = Modifiers(rawValue: 4)
    }

    public var kind: Kind
    /// The cell under the pointer, from the top-left (0, 0).
    public var position: Point
    public var modifiers: Modifiers

    public init(_ kind: Kind, at position: Point, modifiers: Modifiers = []) {
        self.kind = kind
        self.position = position
        self.modifiers = modifiers
    }
    public init(_ kind: Kind, x: Int, y: Int, modifiers: Modifiers = []) {
        self.init(kind, at: Point(x: x, y: y), modifiers: modifiers)
    }
}
