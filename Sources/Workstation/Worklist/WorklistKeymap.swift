// The worklist screen's own keys (the table's movement and sort keys come from TableView),
// as data: the reducer looks keys up here and help is printed from it.
import TUI

public enum WorklistKeymap {
    public static let bindings: [KeyBinding<WorklistCommand>] = [
        KeyBinding([.char("/")], "/", "search patient, name, date or where", section: "Studies", [.search]),
        KeyBinding([.enter], "Enter", "open (a remote study is retrieved; its views show as they arrive)", section: "Studies", [.open]),
        KeyBinding([.char("f")], "f", "filter: all, unread, read, flagged, with prior, local, remote", section: "Studies", [.nextFilter]),
        KeyBinding([.char("F")], "F", "ask the archives ([[pacs]]) for their studies", section: "Studies", [.askArchives]),
        KeyBinding([.char("d")], "d", "dates: 2024, 2024-03, 2023..2024-06 (empty: any)", section: "Studies", [.dates]),
        KeyBinding([.char("m")], "m", "flag / unflag the study (kept in the library)", section: "Studies", [.flag]),
        // One line for both, so the help stays short enough to leave the title bar's notice visible.
        KeyBinding([.char("R"), .char("M")], "R M", "report (reader study vs truth) · monitor (AI drift, alarms)",
                   section: "Studies", [.report, .monitor]),
        KeyBinding([.char("T")], "T", "import ground truth found beside the studies", section: "Studies", [.importTruth]),
        KeyBinding([.char("?")], "?", "this help", section: "Studies", [.help]),
        KeyBinding([.char("q")], "q", "quit", section: "Studies", [.quit]),
        KeyBinding([.control("c")], "Ctrl-C", "quit", section: "Studies", [.quit]),
    ]

    /// The command for a key, nil when the key is the table's (movement, sort) or does nothing.
    public static func command(for key: Key) -> WorklistCommand? { bindings.command(for: key) }

    /// The screen's own keys as help lists them.
    public static var ownHints: [KeyHint] { bindings.map { KeyHint($0.label, $0.action) } }

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
