// A backend wrapper that hands the loop its next input only once no background work is in
// flight, so a scripted run (a test's key list, `--script`, the benchmark) sees every
// picture land before the next key, the same way on a fast or a slow machine. The App loop
// asks with a timeout exactly while work is in flight; that is the signal used here.
import Foundation
import TUI

public final class SettlingBackend: Backend {
    public let inner: Backend
    /// Keys played before the inner backend's own input (used by `--script`).
    public private(set) var script: [ScriptStep]
    /// After the script, pass input through as it comes (a terminal) instead of settling (tests).
    public let settlesInnerInput: Bool

    public init(_ inner: Backend, script: [ScriptStep] = [], settlesInnerInput: Bool = true) {
        self.inner = inner
        self.script = script
        self.settlesInnerInput = settlesInnerInput
    }

    public var size: Size { inner.size }
    public func draw(_ buffer: CellBuffer) throws { try inner.draw(buffer) }
    public func writeImage(_ image: TerminalImage, at origin: Point) throws { try inner.writeImage(image, at: origin) }
    public func flush() throws { try inner.flush() }
    public func invalidate() { inner.invalidate() }
    public func shutdown() { inner.shutdown() }

    public func readEvent(timeout: Duration?) throws -> Event? {
        let busy = timeout != nil
        if !script.isEmpty || settlesInnerInput, busy, let timeout {
            // Work in flight: let it land first.
            Thread.sleep(forTimeInterval: Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18)
            return nil
        }
        if !script.isEmpty {
            switch script.removeFirst() {
            case .event(let event): return event
            case .pause(let duration):
                Thread.sleep(forTimeInterval: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
                return nil
            }
        }
        return try inner.readEvent(timeout: timeout)
    }
}
