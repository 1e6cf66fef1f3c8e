// A backend without a terminal: plays back a scripted list of events and records every frame,
// with the same change tracking and image decisions as the ncurses backend. What widget and
// screen tests press keys into and read the screen from.

public final class TestBackend: Backend {
    public private(set) var size: Size
    public private(set) var frames: [RecordedFrame] = []
    /// Events still to come; the loop ends with `TUIError.inputClosed` once they run out.
    public private(set) var pendingEvents: [Event]
    public private(set) var isShutDown = false

    private var screen: CellBuffer?
    private var staged: CellBuffer?
    private var stagedImages: [ImagePlacement] = []
    private var images = ImageLayer()
    private var needsFullRedraw = true

    public init(size: Size = Size(width: 80, height: 24), events: [Event] = []) {
        self.size = size
        self.pendingEvents = events
    }
    public convenience init(width: Int, height: Int, events: [Event] = []) {
        self.init(size: Size(width: width, height: height), events: events)
    }

    /// The last frame shown; nil before the first flush.
    public var lastFrame: RecordedFrame? { frames.last }

    /// Adds events to the end of the script.
    public func enqueue(_ events: [Event]) { pendingEvents.append(contentsOf: events) }

    public func draw(_ buffer: CellBuffer) throws { staged = buffer }

    public func writeImage(_ image: TerminalImage, at origin: Point) throws {
        stagedImages.append(ImagePlacement(image, at: origin))
    }

    public func flush() throws {
        guard let staged else { return }
        let shown = ImageLayer.applyBackdrops(stagedImages, to: fitted(staged))
        let full = needsFullRedraw || screen?.size != shown.size
        let changes = shown.changes(from: full ? nil : screen)
        let sent = images.plan(stagedImages, changes: changes, fullRedraw: full)
        frames.append(RecordedFrame(buffer: shown, changedCells: CellBuffer.cellCount(changes),
                                    images: stagedImages, sentImages: sent))
        screen = shown
        needsFullRedraw = false
        self.staged = nil
        stagedImages = []
    }

    public func readEvent(timeout: Duration?) throws -> Event? {
        guard !pendingEvents.isEmpty else { throw TUIError.inputClosed }
        let event = pendingEvents.removeFirst()
        if case .resize(let newSize) = event {
            size = newSize
            needsFullRedraw = true
            images.reset()
        }
        return event
    }

    public func invalidate() {
        needsFullRedraw = true
        images.reset()
    }

    public func shutdown() { isShutDown = true }

    /// A frame of another size (drawn before a resize was noticed) is cut or padded to the
    /// terminal's size, as a real terminal would show it.
    private func fitted(_ buffer: CellBuffer) -> CellBuffer {
        guard buffer.size != size else { return buffer }
        var out = CellBuffer(size: size)
        out.blit(buffer, at: .zero)
        return out
    }
}
