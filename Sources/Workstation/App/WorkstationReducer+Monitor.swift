// The monitor screen's keys (M on the worklist opens it): the overview is computed off the loop
// as the report is; j/k pick a stratum, h/l a window, Enter shows that window's studies on the
// worklist, q/Esc go back to the plain worklist.
import TUI

extension WorkstationReducer {
    /// M: the monitor screen, computing its overview off the loop. A monitor left by Enter comes
    /// back at the same stratum and window while it is computed again.
    func openMonitor(_ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        state.screen = .monitor
        if state.monitor == nil { state.monitor = MonitorScreenState() }
        state.message = state.monitor?.overview == nil ? "" : Self.recomputing
        let library = service.library, settings = state.settings.monitor, bundled = state.settings.monitorReference
        effects.run { .monitorReady(MonitorOverview.compute(library: library, settings: settings, bundled: bundled)) }
    }

    func monitorReady(_ result: Result<MonitorOverview, WorkstationError>, _ state: inout WorkstationState) {
        guard state.screen == .monitor else { return }
        var monitor = state.monitor ?? MonitorScreenState()
        switch result {
        case .success(let overview): monitor.show(overview)
        case .failure(let error): monitor.failure = error.description
        }
        state.monitor = monitor
        if state.message == Self.recomputing { state.message = "" }
    }

    /// The status line while a kept overview is shown and a fresh one is computed.
    static let recomputing = "Computing the monitor again (bootstrap alarm limits)…"

    func monitorEvent(_ event: Event, _ state: inout WorkstationState) {
        guard case .key(let key) = event else { return }
        switch key {
        case .character("q"), .escape:
            // The plain worklist: a window drilled into before M is left too.
            state.screen = .worklist
            state.monitor = nil
            if state.worklist.restriction != nil { state.worklist.restrict(to: nil, viewport: WorklistScreen.viewport(state.size)) }
            return
        case .character("?"): state.showsHelp = true; return
        default: break
        }
        guard var monitor = state.monitor else { return }
        switch key {
        case .character("j"), .down: monitor.moveStratum(by: 1)
        case .character("k"), .up: monitor.moveStratum(by: -1)
        case .character("l"), .right: monitor.moveWindow(by: 1)
        case .character("h"), .left: monitor.moveWindow(by: -1)
        case .home: monitor.moveWindow(toLatest: false)
        case .end: monitor.moveWindow(toLatest: true)
        case .enter:
            drillIntoWindow(monitor, &state)
            return
        default: return
        }
        state.monitor = monitor
    }

    /// Enter: back to the worklist showing only the studies behind the selected window.
    func drillIntoWindow(_ monitor: MonitorScreenState, _ state: inout WorkstationState) {
        guard let series = monitor.selectedSeries, let point = monitor.selectedPoint else { return }
        guard !point.studies.isEmpty else {
            state.message = "No studies are listed for this window"
            return
        }
        let label = "monitor: \(series.stratum), \(point.windowLabel)"
        state.worklist.restrict(to: Set(point.studies), label: label, viewport: WorklistScreen.viewport(state.size))
        state.screen = .worklist
        let shown = state.worklist.visible.count
        state.message = shown == point.studies.count
            ? "\(shown) studies of the window · Esc or f shows every study"
            : "\(shown) of the window's \(point.studies.count) studies are on this worklist · Esc or f shows every study"
    }

    /// Esc or f on a worklist limited by the monitor: every study again.
    func clearRestriction(_ state: inout WorkstationState) {
        state.worklist.restrict(to: nil, viewport: WorklistScreen.viewport(state.size))
        state.message = "Showing every study"
    }
}
