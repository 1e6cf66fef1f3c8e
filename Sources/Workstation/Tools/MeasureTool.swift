// The measure tool's steps: `m` starts it, `m` or Enter sets the first point at the cursor, then the
// second (the line follows the cursor between the two), Esc cancels. Shared by the reading screen and
// annotation mode, which each bring their own cursor.
import MammoCore

public enum MeasureTool: Hashable, Sendable {
    /// Waiting for the first point.
    case placingFirst(ViewKey)
    /// The first point is set; the second follows the cursor.
    case placingSecond(ViewKey, from: PixelPoint)
    case done(Measurement)

    public var view: ViewKey {
        switch self {
        case .placingFirst(let v), .placingSecond(let v, _): v
        case .done(let m): m.view
        }
    }

    /// Whether a point is still to be set (Enter sets it rather than doing what it does otherwise).
    public var isPlacing: Bool {
        if case .done = self { return false }
        return true
    }

    /// Sets the next point at `cursor`: the tool's next step.
    public func setting(_ cursor: PixelPoint, spacing: PixelSpacing?) -> MeasureTool {
        switch self {
        case .placingFirst(let view): .placingSecond(view, from: cursor)
        case .placingSecond(let view, let from): .done(Measurement(view: view, from: from, to: cursor, spacing: spacing))
        case .done(let m): .placingSecond(m.view, from: cursor)
        }
    }

    /// The line to draw now: the finished one, or from the first point to the cursor.
    public func line(cursor: PixelPoint?, spacing: PixelSpacing?) -> Measurement? {
        switch self {
        case .placingFirst: nil
        case .placingSecond(let view, let from): cursor.map { Measurement(view: view, from: from, to: $0, spacing: spacing) }
        case .done(let m): m
        }
    }

    /// The status line's words for this step.
    public func hint(cursor: PixelPoint?, spacing: PixelSpacing?) -> String {
        switch self {
        case .placingFirst: "Measure: move the cursor to the first point, m or Enter sets it · Esc cancels"
        case .placingSecond: "Measure: " + (line(cursor: cursor, spacing: spacing)?.text ?? "") + " so far · m or Enter sets the second point · Esc cancels"
        case .done(let m): "Measured \(m.text) on \(m.view.label) · m again, Esc clears"
        }
    }
}
