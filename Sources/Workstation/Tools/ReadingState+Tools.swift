// What the reading tools draw for the state: the reading screen's cursor, lens and measure, or in
// annotation mode the measure alone (that screen draws its own cursor).
import MammoCore

extension ReadingState {
    /// The tools' overlay for the picture. Without `cursorInPicture` (sixel in annotation mode) nothing
    /// follows the cursor: only a finished measurement is drawn.
    func toolOverlay(cursorInPicture: Bool) -> ToolOverlay? {
        if let session = annotation {
            let view = layout.primaryView
            guard let measure = session.measure, measure.view == view else { return nil }
            let spacing = details?.views[view]?.spacing
            let line = cursorInPicture ? measure.line(cursor: session.cursor, spacing: spacing) : measure.line(cursor: nil, spacing: spacing)
            return line.map { ToolOverlay(view: view, measurement: $0) }
        }
        guard let view = tools.cursor?.view, shownViews.contains(view) else { return nil }
        return tools.overlay(for: view, spacing: details?.views[view]?.spacing)
    }

    /// The current exam's views the layout shows, in hanging order: where the tool cursor may be.
    var shownViews: [ViewKey] {
        layout.hanging.views.filter { presentViews.contains($0) }
    }
}

extension ReadingState {
    /// One zoom step that keeps a point where it is on screen: the tool cursor's while it is shown, else
    /// the focused finding's (after n) on its view, else the centre of the region shown.
    func zoomed(by delta: Int) -> ZoomState {
        zoom.zoomed(by: delta, keeping: zoomAnchor ?? (Double(zoom.centerX), Double(zoom.centerY)))
    }

    var zoomAnchor: (x: Double, y: Double)? {
        if tools.showsCursor, let cursor = tools.cursor, let facts = details?.views[cursor.view] { return cursor.displayed(facts) }
        if let index = focusedFinding, index < shownFindings.count {
            let finding = shownFindings[index]
            if layout == .single(finding.view), let facts = details?.views[finding.view] {
                return ZoomState.displayed(finding.box.center, stored: facts.storedSize, flipHorizontal: facts.flipHorizontal,
                                           flipVertical: facts.flipVertical)
            }
        }
        return nil
    }
}
