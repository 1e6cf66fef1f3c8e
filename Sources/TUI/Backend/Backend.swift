// What the app loop needs from a terminal: its size, a way to show a frame of cells (plus
// images) with as few bytes as possible, and input events. The ncurses backend drives a real
// terminal; the test backend records frames and plays back scripted events.

public protocol Backend: AnyObject {
    /// Columns and rows of the terminal now.
    var size: Size { get }

    /// Stages the next frame's cells; only cells that differ from the last frame are sent.
    func draw(_ buffer: CellBuffer) throws

    /// Stages an image (sixel bytes) with its top-left corner at cell `origin`, covering
    /// `image.cells`. Images not staged again in the next frame are taken down. Cells under an
    /// image are left blank: draw overlays (help, dialogs) without images under them. Keep
    /// images off the last row: a terminal scrolls when a sixel image reaches the bottom.
    func writeImage(_ image: TerminalImage, at origin: Point) throws

    /// Shows the staged frame: changed cells first, then the images that need (re)sending.
    func flush() throws

    /// The next event, waiting at most `timeout` (nil: until one comes). nil on timeout.
    /// Throws `TUIError.inputClosed` when no more input will come. The app loop passes a
    /// timeout exactly while background work is in flight, and nil when idle.
    func readEvent(timeout: Duration?) throws -> Event?

    /// Forget what the terminal shows and redraw everything on the next flush (Ctrl-L).
    func invalidate()

    /// Gives the terminal back as it was. Safe to call more than once.
    func shutdown()
}
