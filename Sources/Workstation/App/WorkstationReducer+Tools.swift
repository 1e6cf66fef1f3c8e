// The reading tools' keys (ReadingTools): the magnifier, the pixel probe, the measure, the cursor they
// share (Tab to the next view, H J K L, and the arrows while a tool is on) and the window presets.
// The probe's value is read off the loop (`pixelProbed` comes back), one pixel at a time.
import MammoCore
import TUI

extension WorkstationReducer {
    func runTool(_ command: ReadingCommand, _ reading: inout ReadingState, _ state: inout WorkstationState) {
        if case .windowPreset(let preset) = command {
            choosePreset(preset, &reading, &state)
            return
        }
        guard reading.details != nil else {
            state.message = Self.opening(reading, "the tools work once it is open")
            return
        }
        switch command {
        case .toggleMagnifier:
            reading.tools.magnifier = reading.tools.magnifier == nil ? reading.tools.magnification : nil
            placeCursorIfNeeded(&reading)
            state.message = reading.tools.magnifier.map { "Magnifier \($0)× at the cursor · arrows move it, G changes it, g hides it" }
                ?? "Magnifier off"
        case .cycleMagnification:
            let factors = MagnifierLens.factors
            let next = factors[((factors.firstIndex(of: reading.tools.magnification) ?? 0) + 1) % factors.count]
            reading.tools.magnification = next
            reading.tools.magnifier = next
            placeCursorIfNeeded(&reading)
            state.message = "Magnifier \(next)×"
        case .toggleProbe:
            reading.tools.probing.toggle()
            placeCursorIfNeeded(&reading)
            if !reading.tools.probing { reading.tools.probe = nil }
            state.message = reading.tools.probing ? "Pixel probe on · arrows move the cursor, v hides it" : "Pixel probe off"
        case .measure:
            placeCursorIfNeeded(&reading)
            guard let cursor = reading.tools.cursor else { return }
            switch reading.tools.measure {
            case nil, .done?: reading.tools.measure = .placingFirst(cursor.view)
            case let tool?: reading.tools.measure = tool.setting(cursor.point, spacing: spacing(cursor.view, reading))
            }
            state.message = measureHint(reading)
        case .setPoint:
            guard let tool = reading.tools.measure, let cursor = reading.tools.cursor else {
                state.message = "Enter sets a measuring point: press m to measure"
                return
            }
            reading.tools.measure = tool.setting(cursor.point, spacing: spacing(cursor.view, reading))
            state.message = measureHint(reading)
        case .nextCursorView:
            guard reading.tools.showsCursor, let cursor = reading.tools.cursor else {
                state.message = "Tab moves the tool cursor: turn on g (lens), v (probe) or m (measure)"
                return
            }
            let views = reading.shownViews
            guard views.count > 1, let here = views.firstIndex(of: cursor.view) else {
                state.message = "The cursor stays in \(cursor.view.label): one view is shown"
                return
            }
            moveCursor(to: views[(here + 1) % views.count], &reading)
            state.message = "Cursor on \(reading.tools.cursor?.view.label ?? "")"
        case .moveCursor(let dx, let dy):
            guard reading.tools.showsCursor else {
                state.message = "H J K L move the tool cursor: turn on g (lens), v (probe) or m (measure)"
                return
            }
            stepCursor(dx: dx, dy: dy, big: true, &reading, &state)
        default:
            break
        }
    }

    /// 5 6 7 8: the window the view's steps start from; the steps begin again from it.
    func choosePreset(_ preset: WindowPreset, _ reading: inout ReadingState, _ state: inout WorkstationState) {
        reading.window = WindowAdjustment(preset: preset)
        state.message = "Window preset: \(preset.label)"
        if preset == .file, let shown = reading.shownWindow, shown.automatic {
            state.message = "This file states no window: the breast's automatic one is shown"
        }
    }

    /// Esc: a measurement in progress is cancelled, a finished one cleared; false when there was none.
    func cancelMeasure(_ reading: inout ReadingState, _ state: inout WorkstationState) -> Bool {
        guard let tool = reading.tools.measure else { return false }
        reading.tools.measure = nil
        state.message = tool.isPlacing ? "Measure cancelled" : "Measurement cleared"
        return true
    }

    /// Arrows (small) and H J K L (big) while a tool is on; a zoomed view pans to keep the cursor in sight.
    func stepCursor(dx: Int, dy: Int, big: Bool, _ reading: inout ReadingState, _ state: inout WorkstationState) {
        guard let cursor = reading.tools.cursor, let facts = reading.details?.views[cursor.view] else { return }
        let moved = cursor.stepped(dx: dx, dy: dy, big: big, zoom: reading.zoom, facts: facts)
        reading.tools.cursor = moved
        reading.zoom = reading.zoom.keepingVisible(moved.displayed(facts))
        if reading.tools.measure != nil { state.message = measureHint(reading) }
    }

    /// The cursor appears at the centre of the region shown of the view the layout puts first.
    func placeCursorIfNeeded(_ reading: inout ReadingState) {
        let views = reading.shownViews
        if let cursor = reading.tools.cursor, views.contains(cursor.view) { return }
        guard let view = views.contains(reading.layout.primaryView) ? reading.layout.primaryView : views.first,
              let facts = reading.details?.views[view] else { return }
        reading.tools.cursor = ReadingCursor(view: view, centreOf: reading.zoom, facts: facts)
    }

    /// The cursor to `view`, at the same place on screen; a measurement cannot span two views.
    func moveCursor(to view: ViewKey, _ reading: inout ReadingState) {
        guard let cursor = reading.tools.cursor, cursor.view != view,
              let from = reading.details?.views[cursor.view], let to = reading.details?.views[view] else { return }
        reading.tools.cursor = cursor.moved(to: view, from: from, to: to)
        if reading.tools.measure != nil { reading.tools.measure = .placingFirst(view) }
    }

    /// After every reading key: the cursor follows the layout to the view shown, and the probe reads
    /// the pixel now under it (one read at a time; the newest pixel wins when one lands).
    func keepTools(_ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        guard state.screen == .reading, var reading = state.reading, reading.annotation == nil, let details = reading.details else { return }
        defer { state.reading = reading }
        if let cursor = reading.tools.cursor, !reading.shownViews.contains(cursor.view) {
            if let view = reading.shownViews.first { moveCursor(to: view, &reading) }
        }
        guard reading.tools.probing, reading.tools.probePending == nil, let cursor = reading.tools.cursor,
              let facts = details.views[cursor.view], let path = details.files[cursor.view] else { return }
        let wanted = PixelProbe(view: cursor.view, at: cursor.point, stored: facts.storedSize, spacing: facts.spacing)
        if let shown = reading.tools.probe, shown.isSamePixel(as: wanted) { return }
        reading.tools.probePending = wanted
        let service = self.service, uid = reading.entry.studyInstanceUID
        effects.run { .pixelProbed(studyUID: uid, service.probe(wanted, path: path)) }
    }

    /// A probe's value is read: shown if the probe is still on, and the next pixel asked for if the cursor moved.
    func pixelProbed(_ uid: String, _ probe: PixelProbe, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        guard var reading = state.reading, reading.entry.studyInstanceUID == uid else { return }
        reading.tools.probePending = nil
        if reading.tools.probing {
            reading.tools.probe = probe
            if reading.tools.measure == nil { state.message = "Probe \(probe.positionText) · \(probe.valueText)" }
        }
        state.reading = reading
        keepTools(&state, effects)
    }

    func spacing(_ view: ViewKey, _ reading: ReadingState) -> PixelSpacing? { reading.details?.views[view]?.spacing }

    func measureHint(_ reading: ReadingState) -> String {
        guard let tool = reading.tools.measure else { return "" }
        let cursor = reading.tools.cursor
        return tool.hint(cursor: cursor?.point, spacing: cursor.flatMap { spacing($0.view, reading) })
    }
}
