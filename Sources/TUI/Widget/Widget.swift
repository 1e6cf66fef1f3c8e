// The one shape every widget has: a value describing what to show, rendered into a rectangle of
// a cell buffer. Modelled on ratatui's `Widget`; geometry a caller needs (a panel's inside, a
// dialog's frame) comes from the widget's own pure functions, never from a draw's return value.

public protocol Widget {
    /// Draws into `rect` (clipped to the buffer); an empty rect draws nothing.
    func render(into buffer: inout CellBuffer, in rect: Rect)
}
