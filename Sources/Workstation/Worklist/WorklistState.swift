// The worklist screen's state: every study of the library, the ones the filter and search
// let through (in data order), the table's selection and sort, and how far this reader got
// with each study (from the library's decisions). Entries are never copied per key press: the
// arrays are shared until they change.
import MammoCore
import Store
import TUI

public struct WorklistState: Equatable, Sendable {
    public static let columns: [TableColumn] = [
        TableColumn("Patient ID", width: .fixed(12)),
        TableColumn("Name", width: .fixed(26)),
        TableColumn("Date", width: .fixed(10)),
        TableColumn("Views", width: .fixed(17)),
        TableColumn("Prior", width: .fixed(5)),
        // Highest score first: the suspicious studies are the ones to see.
        TableColumn("AI", width: .fixed(6), firstSortAscending: false),
        TableColumn("Read", width: .fixed(4)),
        TableColumn("Flag", width: .fixed(4)),
        TableColumn("Where", width: .fixed(8)),
        TableColumn("Description", width: .fill),
    ]

    public private(set) var entries: [WorklistEntry]
    /// Per entry, the lower-cased text `/` searches (patient ID, name, both date forms), made
    /// once so a keystroke in the search field scans 100k studies without allocating.
    private let searchText: [String]
    /// Indices into `entries` that pass the filter and search, in data order.
    public private(set) var visible: [Int]
    public var table: TableState
    public private(set) var filter: WorklistFilter = .all
    public private(set) var search = ""
    /// The search field while it is open.
    public var searchInput: TextInputState?
    /// The search before the field opened, restored by Esc.
    public var searchBeforeInput = ""
    /// How far this reader got per study under the session's protocol: the library's decisions
    /// at start (`Database.readStages`) and each decision recorded since. `.final` is read;
    /// `.initial` is started (the first call of a second-look or referral read). Opening a
    /// study is not reading it.
    public private(set) var readStages: [String: ReadStage] = [:]
    /// Studies this reader flagged (`m`), kept in the library across sessions.
    public private(set) var flaggedStudies: Set<String> = []
    /// The date filter (`d`), nil for any date.
    public private(set) var dateRange: StudyDateRange?
    /// The date field while it is open.
    public var dateInput: TextInputState?
    /// Only these studies, with what chose them ("monitor: site=Site C, week of 2026-02-16"):
    /// the monitor's Enter on a window; Esc or `f` shows every study again.
    public private(set) var restriction: Restriction?

    public struct Restriction: Equatable, Sendable {
        public var studies: Set<String>
        public var label: String
    }

    /// Per entry, what the AI column shows (the session decides: a score, a triage tag or nothing).
    private let aiLabels: [String]

    public init(entries: [WorklistEntry], flagged: Set<String> = [], readStages: [String: ReadStage] = [:], aiLabels: [String]? = nil) {
        self.entries = entries
        self.flaggedStudies = flagged
        self.readStages = readStages
        self.aiLabels = aiLabels ?? entries.map { $0.ai.map(AISummary.shortLabel) ?? "" }
        self.searchText = entries.map { e in
            [e.patientID, e.patientName, e.formattedStudyDate, e.studyDate, e.location].joined(separator: "\u{1}").lowercased()
        }
        self.visible = Array(entries.indices)
        self.table = TableState(rowCount: entries.count)
    }

    /// The table's rows: the visible studies, with printable text only.
    public var rows: TableRows {
        let entries = self.entries, visible = self.visible, read = self.readStages, flagged = self.flaggedStudies
        let labels = aiLabels
        return TableRows(count: visible.count) { row, column in
            guard row >= 0 && row < visible.count else { return "" }
            let index = visible[row]
            return Self.cell(entries[index], column: column, read: read, flagged: flagged, ai: index < labels.count ? labels[index] : "")
        }
    }

    static func cell(_ e: WorklistEntry, column: Int, read: [String: ReadStage], flagged: Set<String>, ai: String) -> String {
        switch column {
        case 0: return PrintableText.clean(e.patientID)
        case 1: return PrintableText.clean(e.patientName)
        case 2: return PrintableText.clean(e.formattedStudyDate)
        case 3: return e.isRemote ? (e.imageCount > 0 ? "\(e.imageCount) images" : "") : e.views.map(\.label).joined(separator: " ")
        case 4: return e.hasPrior ? "yes" : ""
        case 5: return ai
        case 6: return Self.readLabel(read[e.studyInstanceUID])
        case 7: return flagged.contains(e.studyInstanceUID) ? "*" : ""
        case 8: return PrintableText.clean(e.location)
        case 9: return PrintableText.clean(e.studyDescription)
        default: return ""
        }
    }

    /// The study under the cursor.
    public var selectedEntry: WorklistEntry? {
        guard let row = table.selectedDataRow, row < visible.count else { return nil }
        return entries[visible[row]]
    }

    /// The study `offset` rows after (or before) the one with `uid` in display order, for
    /// moving to the next study and prefetching it.
    public func entry(after uid: String, offset: Int = 1) -> WorklistEntry? {
        guard let dataIndex = visible.firstIndex(where: { entries[$0].studyInstanceUID == uid }) else { return nil }
        let displayRow = (0..<table.rowCount).first { table.dataRow(at: $0) == dataIndex }
        guard let displayRow else { return nil }
        let target = displayRow + offset
        guard target >= 0 && target < table.rowCount else { return nil }
        return entries[visible[table.dataRow(at: target)]]
    }

    /// Puts the cursor on the study with `uid` if it is visible.
    public mutating func select(studyUID uid: String, viewport: Int) {
        guard let dataIndex = visible.firstIndex(where: { entries[$0].studyInstanceUID == uid }),
              let displayRow = (0..<table.rowCount).first(where: { table.dataRow(at: $0) == dataIndex }) else { return }
        table.select(displayRow, viewport: viewport)
    }

    /// The Read column: "read" after a final decision, "½" after only the initial one.
    public static func readLabel(_ stage: ReadStage?) -> String {
        switch stage {
        case .final?: return "read"
        case .initial?: return "½"
        case nil: return ""
        }
    }

    public func readStage(of uid: String) -> ReadStage? { readStages[uid] }

    /// A decision for `uid` was recorded at `stage`; a final one stays final.
    public mutating func markRead(_ uid: String, stage: ReadStage = .final) {
        if readStages[uid] != .final { readStages[uid] = stage }
    }

    /// Flags or unflags `uid`; the filter applies at once (an unflagged study leaves "flagged").
    public mutating func setFlag(_ uid: String, _ flagged: Bool, viewport: Int) {
        if flagged { flaggedStudies.insert(uid) } else { flaggedStudies.remove(uid) }
        if filter == .flagged { refilter(viewport: viewport) }
    }

    public mutating func setDateRange(_ range: StudyDateRange?, viewport: Int) {
        dateRange = range
        refilter(viewport: viewport)
    }

    public mutating func setFilter(_ filter: WorklistFilter, viewport: Int) {
        self.filter = filter
        refilter(viewport: viewport)
    }

    public mutating func setSearch(_ text: String, viewport: Int) {
        search = text
        refilter(viewport: viewport)
    }

    /// Shows exactly `studies` (the filter, dates and search are cleared, so none is hidden), or
    /// every study again for nil.
    public mutating func restrict(to studies: Set<String>?, label: String = "", viewport: Int) {
        restriction = studies.map { Restriction(studies: $0, label: label) }
        if studies != nil {
            filter = .all
            dateRange = nil
            search = ""
        }
        refilter(viewport: viewport)
        if studies != nil, table.rowCount > 0 { table.select(0, viewport: viewport) }
    }

    /// The same worklist over new entries (a retrieve filed a study, an archive answered a
    /// query): filter, dates, search, sort, reads, flags and the cursor's study are kept.
    public func replacingEntries(_ entries: [WorklistEntry], aiLabels: [String]? = nil, viewport: Int) -> WorklistState {
        var next = WorklistState(entries: entries, flagged: flaggedStudies, readStages: readStages, aiLabels: aiLabels)
        next.filter = filter
        next.search = search
        next.dateRange = dateRange
        next.searchInput = searchInput
        next.searchBeforeInput = searchBeforeInput
        next.dateInput = dateInput
        next.restriction = restriction
        if let sort = table.sort { next.table.sort(sort, rows: next.rows, viewport: viewport) }
        let keep = selectedEntry?.studyInstanceUID
        next.refilter(viewport: viewport)
        if let keep { next.select(studyUID: keep, viewport: viewport) }
        return next
    }

    /// Recomputes the visible rows, keeps the sort, and keeps the cursor on the same study
    /// when it is still shown.
    mutating func refilter(viewport: Int) {
        let keep = selectedEntry?.studyInstanceUID
        let needle = search.lowercased()
        let read = readStages, flagged = flaggedStudies, dates = dateRange, only = restriction?.studies
        visible = entries.indices.filter { i in
            let e = entries[i]
            switch filter {
            case .all: break
            // Started (initial call only) is not read yet.
            case .unread: if read[e.studyInstanceUID] == .final { return false }
            case .read: if read[e.studyInstanceUID] != .final { return false }
            case .flagged: if !flagged.contains(e.studyInstanceUID) { return false }
            case .withPrior: if !e.hasPrior { return false }
            case .local: if e.isRemote { return false }
            case .remote: if !e.isRemote { return false }
            }
            if let dates, !dates.contains(e.studyDate) { return false }
            if let only, !only.contains(e.studyInstanceUID) { return false }
            return needle.isEmpty || searchText[i].contains(needle)
        }
        let sort = table.sort
        table = TableState(rowCount: visible.count)
        if let sort { table.sort(sort, rows: rows, viewport: viewport) }
        if let keep { select(studyUID: keep, viewport: viewport) }
    }

    /// "13 studies", "2 of 13 studies · unread · search "SYN-0003"".
    public var summary: String {
        var parts = [visible.count == entries.count ? "\(entries.count) studies" : "\(visible.count) of \(entries.count) studies"]
        if filter != .all { parts.append(filter.rawValue) }
        if let dateRange { parts.append(dateRange.label) }
        if !search.isEmpty { parts.append("search \"\(PrintableText.clean(search))\"") }
        if let restriction { parts.append(restriction.label) }
        return parts.joined(separator: " · ")
    }
}
