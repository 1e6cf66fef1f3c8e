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
        switch event {
        case .key(.character("?")):
            state.showsHelp = true
        case .key(.character("/")):
            state.worklist.searchBeforeInput = state.worklist.search
            state.worklist.searchInput = TextInputState(state.worklist.search, maxLength: 64)
        case .key(.character("f")):
            state.worklist.setFilter(state.worklist.filter.next, viewport: viewport)
            state.message = "Showing \(state.worklist.filter.rawValue) studies"
        case .key(.character("q")):
            state.isFinished = true
        default:
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
    }
}
