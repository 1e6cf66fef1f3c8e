// A backend wrapper for tests that keeps the screen as the reader saw it before each key.
import TUI

/// Keeps the screen as it was when each event was handed to the loop.
final class RecordingBackend: Backend {
    let inner: Backend
    let screen: () -> String
    private(set) var screens: [String] = []

    init(_ inner: Backend, screen: @escaping () -> String) {
        self.inner = inner
        self.screen = screen
    }

    var size: Size { inner.size }
    func draw(_ buffer: CellBuffer) throws { try inner.draw(buffer) }
    func writeImage(_ image: TerminalImage, at origin: Point) throws { try inner.writeImage(image, at: origin) }
    func flush() throws { try inner.flush() }
    func invalidate() { inner.invalidate() }
    func shutdown() { inner.shutdown() }
    func readEvent(timeout: Duration?) throws -> Event? {
        let shown = screen()
        let event = try inner.readEvent(timeout: timeout)
        if event != nil { screens.append(shown) }
        return event
    }
}
