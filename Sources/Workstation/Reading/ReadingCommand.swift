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
    case cycleLayout, toggleFitToBreast
    // The reading tools (ReadingTools): lens, probe, measure, the cursor they share, window presets.
    case toggleMagnifier, cycleMagnification, toggleProbe, measure, setPoint, cancelTool, nextCursorView
    case moveCursor(dx: Int, dy: Int)
    case windowPreset(WindowPreset)
    // The AI map's opacity and contour-only mode (OverlaySelection).
    case lowerMapOpacity, raiseMapOpacity, toggleContours
}

extension ReadingCommand {
    /// Keys that change only how the study is shown: pressed while it opens, they are kept in the
    /// state and the first picture shows them.
    var isKeptWhileOpening: Bool {
        switch self {
        case .showView, .showFour, .zoomIn, .zoomOut, .pan, .narrowWindow, .widenWindow, .lowerCenter, .raiseCenter,
             .resetWindow, .invert, .togglePrior, .toggleTruth, .cycleLayout, .toggleFitToBreast, .windowPreset:
            return true
        case .lowerMapOpacity, .raiseMapOpacity, .toggleContours:
            return true
        case .toggleOverlay, .decide, .mark, .annotate, .nextFinding, .previousFinding, .nextStudy, .previousStudy, .help, .back, .quit:
            return false
        case .toggleMagnifier, .cycleMagnification, .toggleProbe, .measure, .setPoint, .cancelTool, .nextCursorView, .moveCursor:
            return false
        }
    }
}
