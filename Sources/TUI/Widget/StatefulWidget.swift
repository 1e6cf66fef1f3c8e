// A widget whose picture depends on state it does not own (a table's selection and scroll, a
// text field's cursor). Unlike ratatui's, the state is read, not changed: rendering is a function
// of state, and scrolling is the state's business when a key moves it.

public protocol StatefulWidget {
    associatedtype State
    /// Draws `state` into `rect` (clipped to the buffer); an empty rect draws nothing.
    func render(into buffer: inout CellBuffer, in rect: Rect, state: State)
}
