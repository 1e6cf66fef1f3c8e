// The reading screen's tools: the cursor they share, the magnifier (g, G), the pixel probe (v) and
// the measure (m). The cursor is shown, and the arrows move it instead of panning, while any tool is
// on; `r` puts them all away.
import MammoCore

public struct ReadingTools: Hashable, Sendable {
    /// Placed when the first tool comes on (the centre of the region shown), kept while they are off.
    public var cursor: ReadingCursor?
    /// The lens's magnification while it is on (one of MagnifierLens.factors).
    public var magnifier: Int?
    /// The magnification `g` turns the lens on at (G changes it).
    public var magnification = MagnifierLens.factors[0]
    public var probing = false
    /// The probe of the pixel under the cursor: its value once read.
    public var probe: PixelProbe?
    /// The probe being read now (one at a time, like pictures; the newest cursor wins).
    public var probePending: PixelProbe?
    public var measure: MeasureTool?

    public init() {}

    /// Whether the cursor is shown and the arrows move it.
    public var showsCursor: Bool { cursor != nil && (magnifier != nil || probing || measure != nil) }

    /// What the picture of `view` draws (nil: nothing of the tools on it).
    public func overlay(for view: ViewKey, spacing: PixelSpacing?) -> ToolOverlay? {
        guard showsCursor, let cursor, cursor.view == view else { return nil }
        return ToolOverlay(view: view, cursor: cursor.point, lens: magnifier == nil ? nil : cursor.point,
                           magnification: magnifier ?? magnification,
                           measurement: measure?.view == view ? measure?.line(cursor: cursor.point, spacing: spacing) : nil)
    }

    /// The metadata panel's lines while a tool is on.
    public var panelLines: [(String, String)] {
        guard showsCursor else { return [] }
        var lines: [(String, String)] = []
        if let magnifier { lines.append(("Lens", "\(magnifier)×")) }
        if probing, let probe = probePending ?? probe {
            // On three lines: the panel is narrow at 80 columns.
            lines += [("Probe", probe.pixelText), ("", probe.millimetreText), ("", probe.valueText)]
        }
        if case .done(let m)? = measure { lines.append(("Measure", m.text)) }
        return lines
    }
}
