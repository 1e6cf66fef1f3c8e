// Reads the terminal's input in short slices instead of blocking until a key comes. curses
// turns a SIGWINCH into a resize event only when its read is interrupted or next called; the
// kernel may hand the signal to any thread that does not block it (the main thread parked in
// dispatch_main, a worker), leaving the UI thread asleep in read() until the next key. Polling
// every `slice` notices a new window size within that time at the cost of a few wake-ups a
// second while idle.
import TUI

public final class PollingBackend: Backend {
    public let inner: Backend
    public let slice: Duration

    public init(_ inner: Backend, slice: Duration = .milliseconds(200)) {
        self.inner = inner
        self.slice = slice
    }

    public var size: Size { inner.size }
    public func draw(_ buffer: CellBuffer) throws { try inner.draw(buffer) }
    public func writeImage(_ image: TerminalImage, at origin: Point) throws { try inner.writeImage(image, at: origin) }
    public func flush() throws { try inner.flush() }
    public func invalidate() { inner.invalidate() }
    public func shutdown() { inner.shutdown() }

    public func readEvent(timeout: Duration?) throws -> Event? {
        if let timeout { return try inner.readEvent(timeout: min(timeout, slice)) }
        while true {
            if let event = try inner.readEvent(timeout: slice) { return event }
        }
    }
}
