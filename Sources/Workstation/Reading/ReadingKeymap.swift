// The reading screen's keys, as data: the reducer looks keys up here and the help screen and
// status line are printed from it, so a key can never work without being listed (a test
// checks every one appears in help).
import MammoCore
import TUI

public enum ReadingKeymap {
    public static let bindings: [KeyBinding<ReadingCommand>] = [
        KeyBinding([.char("1"), .char("2"), .char("3"), .char("4")], "1 2 3 4", "one view (or the one compared): RCC LCC RMLO LMLO", section: "Views",
                   ViewKey.screening.map { .showView($0) }),
        KeyBinding([.char("0")], "0", "back to your layout of several views", section: "Views", [.showFour]),
        KeyBinding([.char("p")], "p", "prior exam on / off: its views beside or under these", section: "Views", [.togglePrior]),
        KeyBinding([.char("]"), .char("[")], "] [", "next / previous study", section: "Views", [.nextStudy, .previousStudy]),
        // Layouts (issue 15): L and f.
        KeyBinding([.char("L")], "L", "layout: 2x2 → 1x4 → CC → MLO pair → one view (kept per reader)", section: "Views",
                   [.cycleLayout]),
        KeyBinding([.char("f")], "f", "fit to breast on / off (background cropped, one scale)", section: "Views", [.toggleFitToBreast]),
        KeyBinding([.char("+"), .char("=")], "+ =", "zoom in", section: "Zoom", [.zoomIn, .zoomIn]),
        KeyBinding([.char("-")], "-", "zoom out", section: "Zoom", [.zoomOut]),
        KeyBinding([.char("h"), .char("j"), .char("k"), .char("l")], "h j k l", "pan when zoomed", section: "Zoom",
                   [.pan(dx: -1, dy: 0), .pan(dx: 0, dy: 1), .pan(dx: 0, dy: -1), .pan(dx: 1, dy: 0)]),
        KeyBinding([.left, .down, .up, .right], "arrow keys", "pan when zoomed", section: "Zoom",
                   [.pan(dx: -1, dy: 0), .pan(dx: 0, dy: 1), .pan(dx: 0, dy: -1), .pan(dx: 1, dy: 0)]),
        KeyBinding([.char("w"), .char("W")], "w W", "window width - / +", section: "Window", [.narrowWindow, .widenWindow]),
        KeyBinding([.char("c"), .char("C")], "c C", "window centre - / +", section: "Window", [.lowerCenter, .raiseCenter]),
        KeyBinding([.char("r")], "r", "reset window, preset, invert, zoom and tools", section: "Window", [.resetWindow]),
        KeyBinding([.char("i")], "i", "invert", section: "Window", [.invert]),
        // Look closer (ReadingTools): presets, then the tools and the cursor they share.
        KeyBinding([.char("5"), .char("6"), .char("7"), .char("8")], "5 6 7 8", "window preset: file, breast auto, dense, fatty",
                   section: "Window", WindowPreset.allCases.map { .windowPreset($0) }),
        KeyBinding([.char("g"), .char("G")], "g G", "magnifier lens on / off; G: 2× 3× 4×", section: "Tools",
                   [.toggleMagnifier, .cycleMagnification]),
        KeyBinding([.char("v")], "v", "pixel probe: stored value, position in mm", section: "Tools", [.toggleProbe]),
        KeyBinding([.char("m"), .enter], "m Enter", "measure in mm: m or Enter sets each point", section: "Tools",
                   [.measure, .setPoint]),
        KeyBinding([.escape], "Esc", "cancel the measure, else back to the worklist", section: "Tools", [.cancelTool]),
        KeyBinding([.tab], "Tab", "tool cursor to the next view in hanging order", section: "Tools", [.nextCursorView]),
        // L is the layout key: while a tool is on it takes the cursor's big step right instead (the reducer).
        KeyBinding([.char("H"), .char("J"), .char("K")], "H J K L",
                   "tool cursor: big steps (arrows, h j k l: small)", section: "Tools",
                   [.moveCursor(dx: -1, dy: 0), .moveCursor(dx: 0, dy: 1), .moveCursor(dx: 0, dy: -1)]),
        KeyBinding([.char("a")], "a", "AI overlay on / off (map and numbered boxes; with o, both)", section: "Findings", [.toggleOverlay]),
        KeyBinding([.char("o")], "o", "ground-truth outlines on / off (synthetic exams; with a, both)", section: "Findings", [.toggleTruth]),
        KeyBinding([.char("n"), .char("N")], "n N", "next / previous finding", section: "Findings", [.nextFinding, .previousFinding]),
        // The AI map: its opacity in steps and contour lines instead of a wash (OverlaySelection).
        KeyBinding([.char("<"), .char(">")], "< >", "AI map opacity down / up (0 25 50 75 100 %)", section: "Findings",
                   [.lowerMapOpacity, .raiseMapOpacity]),
        KeyBinding([.char("e")], "e", "AI map as contour lines / filled", section: "Findings", [.toggleContours]),
        KeyBinding([.char("d")], "d", "decision: BI-RADS, density, recall, suspicion; Enter submits", section: "Decision", [.decide]),
        KeyBinding([.char("x")], "x", "mark the centre of the single view (zoom and pan onto the lesion)", section: "Decision", [.mark]),
        KeyBinding([.char("A")], "A", "annotate: draw and label lesions on this study (q leaves)", section: "Screen", [.annotate]),
        KeyBinding([.char("?")], "?", "this help", section: "Screen", [.help]),
        KeyBinding([.char("q")], "q", "back to the worklist (stops a retrieve)", section: "Screen", [.back]),
        KeyBinding([.control("c")], "Ctrl-C", "quit mammoterm", section: "Screen", [.quit]),
    ]

    /// The command for a key, nil when the key does nothing here.
    public static func command(for key: Key) -> ReadingCommand? { bindings.command(for: key) }

    /// Help sections in keymap order, the AI marks' legend, then the decision form's keys.
    public static var helpSections: [HelpOverlay.Section] {
        bindings.helpSections() + [aiLegend] + [
            HelpOverlay.Section("Decision form", [
                KeyHint("0 1 2 3 5", "BI-RADS of the breast (R, then L), moves on"), KeyHint("4 a b c", "BI-RADS 4A 4B 4C (4 4 steps 4A→4B→4C)"),
                KeyHint("0-9", "suspicion 0–100 (its own field)"), KeyHint("a b c d", "density"),
                KeyHint("↑ ↓ Tab", "field"), KeyHint("← → space", "change the value"), KeyHint("Backspace", "clear the field"),
                KeyHint("y n", "say why not: recall follows the BI-RADS (0, 4A–4C, 5 recall)"),
                KeyHint("Enter", "submit once BI-RADS and suspicion are in (then y)"), KeyHint("Esc", "close, keep the draft"),
            ]),
        ]
    }

    /// What the findings list's Score and Conf mean and how the picture's marks are drawn (what
    /// LesionDetector and ConfidenceCalibration compute; imported results bring their own).
    public static let aiLegend = HelpOverlay.Section("AI marks and scores", [
        KeyHint("Score", "suspicion 0–100: the map's peak ×100 (imported: theirs)"),
        KeyHint("", "not a probability of cancer"),
        KeyHint("Conf", "0–100: share right of past calls as stable as this"),
        KeyHint("", "under Monte-Carlo dropout (the model card's table)"),
        KeyHint("1 2 3", "a box's number: its row here and in `findings`"),
        KeyHint("solid", "high: at or above the model's exam recall point"),
        KeyHint("dashed", "medium: listed, at or above the lesion threshold"),
        KeyHint("dotted", "low: under the lesion threshold, unlisted, no number"),
        KeyHint("outline", "ground truth (o): malignant, benign by colour"),
    ])

    /// The status line's reminders while the protocol hides the AI: no `a` or `n`, which would
    /// read as "there is AI output, and it is empty".
    public static func statusHints(showsAI: Bool) -> [KeyHint] {
        showsAI ? statusHints : statusHints.filter { $0.keys != "a" && $0.keys != "n" }
    }

    /// The status line's reminders while the decision form is open: it takes every key, so the
    /// screen's own (`a` AI, `n` next finding) would be wrong there.
    public static let formStatusHints: [KeyHint] = [
        KeyHint("0-5", "BI-RADS"), KeyHint("4 a b c", "4A-4C"), KeyHint("Tab", "field"), KeyHint("Enter", "submit"), KeyHint("Esc", "close"),
    ]

    /// The status line's reminders, most useful first.
    public static let statusHints: [KeyHint] = [
        KeyHint("?", "help"), KeyHint("q", "worklist"), KeyHint("1-4 0", "views"), KeyHint("+ -", "zoom"),
        KeyHint("w W c C", "window"), KeyHint("a", "AI"), KeyHint("n", "next finding"), KeyHint("p", "prior"), KeyHint("d", "decide"),
    ]
}
