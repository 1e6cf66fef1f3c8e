// The worklist screen's own keys (the table's movement and sort keys come from TableView),
// as data shared by the reducer and the help screen.
import TUI

public enum WorklistKeymap {
    public static let ownHints: [KeyHint] = [
        KeyHint("/", "search patient, name, date or where"),
        KeyHint("Enter", "open (a remote study is retrieved; its views show as they arrive)"),
        KeyHint("f", "filter: all, unread, read, flagged, with prior, local, remote"),
        KeyHint("F", "ask the archives ([[pacs]]) for their studies"),
        KeyHint("d", "dates: 2024, 2024-03, 2023..2024-06 (empty: any)"),
        KeyHint("m", "flag / unflag the study (kept in the library)"),
        KeyHint("R", "reader-study report (records against ground truth)"),
        KeyHint("?", "this help"),
        KeyHint("q", "quit"),
        KeyHint("Ctrl-C", "quit"),
    ]

    public static var helpSections: [HelpOverlay.Section] {
        [HelpOverlay.Section("Worklist", TableView.keyHints), HelpOverlay.Section("Studies", ownHints),
         HelpOverlay.Section("Search and date fields", [KeyHint("Enter", "apply"), KeyHint("Esc", "cancel"),
                                                        KeyHint("Ctrl-U", "clear")])]
    }

    public static let statusHints: [KeyHint] = [
        KeyHint("?", "help"), KeyHint("Enter", "open"), KeyHint("/", "search"), KeyHint("f", "filter"),
        KeyHint("d", "dates"), KeyHint("m", "flag"), KeyHint("< >", "sort"), KeyHint("q", "quit"),
    ]
}
