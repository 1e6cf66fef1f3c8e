// Worklist keys: the search field while it is open, then the screen's own keys, then the
// table's movement and sort keys (and mouse), Enter opening the selected study.
import MammoCore
import Store
import TUI

extension WorkstationReducer {
    func worklistEvent(_ event: Event, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        let viewport = WorklistScreen.viewport(state.size)
        if var input = state.worklist.searchInput {
            guard case .key(let key) = event else { return }
            switch input.handle(key) {
            case .submitted(let text):
                state.worklist.searchInput = nil
                state.worklist.setSearch(text, viewport: viewport)
                state.message = text.isEmpty ? "Search cleared" : "\(state.worklist.visible.count) found"
            case .cancelled:
                state.worklist.searchInput = nil
                state.worklist.setSearch(state.worklist.searchBeforeInput, viewport: viewport)
            case .edited:
                // Narrow the list as the reader types.
                state.worklist.searchInput = input
                state.worklist.setSearch(input.text, viewport: viewport)
            default:
                state.worklist.searchInput = input
            }
            return
        }
        if var input = state.worklist.dateInput {
            guard case .key(let key) = event else { return }
            switch input.handle(key) {
            case .submitted(let text):
                do {
                    let range = try StudyDateRange.parse(text)
                    state.worklist.dateInput = nil
                    state.worklist.setDateRange(range, viewport: viewport)
                    state.message = range.map { "\(state.worklist.visible.count) studies \($0.label)" } ?? "Any date"
                } catch {
                    // Keep the field open so the reader can fix the text.
                    state.worklist.dateInput = input
                    state.message = error.description
                }
            case .cancelled:
                state.worklist.dateInput = nil
            default:
                state.worklist.dateInput = input
            }
            return
        }
        if state.worklist.restriction != nil, case .key(let key) = event, key == .escape || key == .character("f") {
            // The monitor's window is left like a search: Esc or f shows every study again.
            clearRestriction(&state)
            return
        }
        guard case .key(let key) = event, let command = WorklistKeymap.command(for: key) else {
            tableEvent(event, &state, effects)
            return
        }
        switch command {
        case .help:
            state.showsHelp = true
        case .search:
            state.worklist.searchBeforeInput = state.worklist.search
            state.worklist.searchInput = TextInputState(state.worklist.search, maxLength: 64)
        case .dates:
            state.worklist.dateInput = TextInputState(state.worklist.dateRange.map(Self.typed) ?? "", maxLength: 32)
            state.message = ""
        case .flag:
            guard let entry = state.worklist.selectedEntry else { return }
            let uid = entry.studyInstanceUID
            let flagged = !state.worklist.flaggedStudies.contains(uid)
            state.worklist.setFlag(uid, flagged, viewport: viewport)
            state.message = flagged ? "Flagged \(PrintableText.clean(entry.patientID))" : "Flag removed"
            let library = service.library, reader = state.settings.readerID
            effects.run {
                do {
                    try library.setFlag(studyInstanceUID: uid, reader: reader, flagged: flagged)
                    return nil
                } catch {
                    return .notice("Could not save the flag: \(error)")
                }
            }
        case .nextFilter:
            state.worklist.setFilter(state.worklist.filter.next, viewport: viewport)
            state.message = "Showing \(state.worklist.filter.rawValue) studies"
        case .askArchives:
            refreshFromArchives(&state, effects)
        case .report:
            state.screen = .report
            state.report = ReportState()
            let library = service.library
            effects.run { .reportReady(ReportScreen.compute(library)) }
        case .monitor:
            openMonitor(&state, effects)
        case .importTruth:
            state.message = "Looking for ground truth beside the studies…"
            let library = service.library, time = environment.timestamp
            effects.run { .notice(NearbyGroundTruth.importNotice(library, at: time)) }
        case .open:
            // Enter is the table's activation: the same path a double click takes.
            tableEvent(event, &state, effects)
        case .quit:
            state.isFinished = true
        }
    }

    /// The table's movement, sort and mouse; activating a row opens its study.
    func tableEvent(_ event: Event, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        let rows = state.worklist.rows
        let table = WorklistScreen.tableView(state.settings.style)
        switch table.handle(event, state: &state.worklist.table, rows: rows, in: WorklistScreen.layout(state.size).table) {
        case .activated(let row):
            guard row < state.worklist.visible.count else { return }
            open(state.worklist.entries[state.worklist.visible[row]], &state, effects)
        case .sorted:
            if let sort = state.worklist.table.sort {
                state.message = "Sorted by \(WorklistState.columns[sort.column].title) \(sort.ascending ? "ascending" : "descending")"
            }
        default:
            break
        }
    }

    /// A range as the reader would type it again: "2023-01-01..2024-06-30".
    static func typed(_ range: StudyDateRange) -> String {
        func show(_ d: String?) -> String { d.map { "\($0.prefix(4))-\($0.dropFirst(4).prefix(2))-\($0.suffix(2))" } ?? "" }
        return range.from == range.through ? show(range.from) : "\(show(range.from))..\(show(range.through))"
    }

    func reportEvent(_ event: Event, _ state: inout WorkstationState) {
        guard case .key(let key) = event, var report = state.report else { return }
        let height = ReportScreen.textHeight(state.size)
        switch key {
        case .character("q"), .escape: state.screen = .worklist; state.report = nil; return
        case .character("?"): state.showsHelp = true; return
        case .character("j"), .down: report.scroll(1, height: height)
        case .character("k"), .up: report.scroll(-1, height: height)
        case .pageDown, .character(" "): report.scroll(height - 1, height: height)
        case .pageUp: report.scroll(-(height - 1), height: height)
        case .character("g"), .home: report.scroll(-Int.max / 2, height: height)
        case .character("G"), .end: report.scroll(Int.max / 2, height: height)
        default: return
        }
        state.report = report
    }
}
