// Plays keys from $TUI_DEMO_KEYS (one character per key) before the terminal's own input, a
// few hundred milliseconds apart: for screenshots in terminals nobody can type into (xterm
// under Xvfb checking sixel placement).
import TUI

final class ScriptedKeys: Backend {
    let inner: Backend
    private var keys: [Character]
    private let clock = ContinuousClock()
    private var nextKeyAt: ContinuousClock.Instant

    private let interval: Duration

    init(_ inner: Backend, keys: String, interval: Duration = .milliseconds(400)) {
        self.inner = inner
        self.keys = Array(keys)
        self.interval = interval
        self.nextKeyAt = ContinuousClock().now + interval
    }

    var size: Size { inner.size }
    func draw(_ buffer: CellBuffer) throws { try inner.draw(buffer) }
    func writeImage(_ image: TerminalImage, at origin: Point) throws { try inner.writeImage(image, at: origin) }
    func flush() throws { try inner.flush() }
    func invalidate() { inner.invalidate() }
    func shutdown() { inner.shutdown() }

    func readEvent(timeout: Duration?) throws -> Event? {
        guard let key = keys.first else { return try inner.readEvent(timeout: timeout) }
        // Real input (a resize) still comes through while waiting for the next scripted key.
        let wait = nextKeyAt - clock.now
        if wait > .zero, let event = try inner.readEvent(timeout: min(wait, timeout ?? wait)) { return event }
        guard clock.now >= nextKeyAt else { return nil }
        keys.removeFirst()
        nextKeyAt = clock.now + interval
        return .key(Key(scalar: key.unicodeScalars.first ?? " "))
    }
}
