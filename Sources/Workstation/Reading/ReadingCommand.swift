// What a reading-screen key asks for; the keymap binds keys to these and the reducer runs them.
import MammoCore

public enum ReadingCommand: Hashable, Sendable {
    case showView(ViewKey), showFour
    case zoomIn, zoomOut, pan(dx: Int, dy: Int)
    case narrowWindow, widenWindow, lowerCenter, raiseCenter, resetWindow, invert
    case togglePrior, toggleOverlay, toggleTruth, decide, mark, annotate
    case nextFinding, previousFinding
    case nextStudy, previousStudy
    case help, back, quit
}
