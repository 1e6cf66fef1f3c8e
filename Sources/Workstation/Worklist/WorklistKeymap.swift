// The worklist screen's own keys (the table's movement and sort keys come from TableView),
// as data shared by the reducer and the help screen.
import TUI

public enum WorklistKeymap {
    public static let ownHints: [KeyHint] = [
        KeyHint("/", "search patient, name or date"),
        KeyHint("f", "filter: all, unread, read, with prior"),
        KeyHint("?", "this help"),
        KeyHint("q", "quit"),
        KeyHint("Ctrl-C", "quit"),
    ]

    public static var helpSections: [HelpOverlay.Section] {
        [HelpOverlay.Section("Worklist", TableView.keyHints), HelpOverlay.Section("Studies", ownHints),
         HelpOverlay.Section("Search field", [KeyHint("Enter", "keep the search"), KeyHint("Esc", "cancel"),
                                              KeyHint("Ctrl-U", "clear")])]
    }

    public static let statusHints: [KeyHint] = [
        KeyHint("?", "help"), KeyHint("Enter", "open"), KeyHint("/", "search"), KeyHint("f", "filter"),
        KeyHint("< >", "sort"), KeyHint("q", "quit"),
    ]
}
