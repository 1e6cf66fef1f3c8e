// The annotation screen's keys, as data: the reducer looks keys up here and help and the status
// line are printed from it (a test checks every key appears in help).
import MammoCore
import TUI

public enum AnnotationKeymap {
    typealias Binding = KeyBinding<AnnotationCommand>

    public static let bindings: [KeyBinding<AnnotationCommand>] = [
        Binding([.left, .down, .up, .right], "arrow keys", "move the cursor (or the mark, with m / s)", section: "Cursor",
                [.step(dx: -1, dy: 0, fine: false), .step(dx: 0, dy: 1, fine: false), .step(dx: 0, dy: -1, fine: false), .step(dx: 1, dy: 0, fine: false)]),
        Binding([.char("h"), .char("j"), .char("k"), .char("l")], "h j k l", "fine steps (one screen pixel: finer when zoomed)", section: "Cursor",
                [.step(dx: -1, dy: 0, fine: true), .step(dx: 0, dy: 1, fine: true), .step(dx: 0, dy: -1, fine: true), .step(dx: 1, dy: 0, fine: true)]),
        Binding([.char("+"), .char("="), .char("-")], "+ = -", "zoom in / out at the cursor", section: "Cursor",
                [.reading(.zoomIn), .reading(.zoomIn), .reading(.zoomOut)]),
        Binding([.char("1"), .char("2"), .char("3"), .char("4")], "1 2 3 4", "view: RCC LCC RMLO LMLO", section: "Cursor",
                ViewKey.screening.map { .reading(.showView($0)) }),
        Binding([.char("b"), .char("e"), .char("p"), .char(".")], "b e p .", "tool: box, ellipse, polygon, point", section: "Draw",
                [.tool(.box), .tool(.ellipse), .tool(.polygon), .tool(.point)]),
        Binding([.char(" ")], "Space", "place a corner / vertex / point (click does too)", section: "Draw", [.place]),
        Binding([.enter], "Enter", "close the polygon; on a selected mark: edit its labels", section: "Draw", [.finish]),
        Binding([.backspace], "Backspace", "remove the last vertex placed", section: "Draw", [.removeVertex]),
        Binding([.tab, .backTab], "Tab Shift-Tab", "select the next / previous mark", section: "Marks", [.nextMark, .previousMark]),
        Binding([.char("m")], "m", "move the selected mark (arrows; m or Enter ends); none: measure", section: "Marks", [.move]),
        Binding([.char("s")], "s", "resize the selected mark with the arrows (s or Enter ends)", section: "Marks", [.resize]),
        Binding([.char("x"), .delete], "x Del", "delete the selected mark", section: "Marks", [.delete, .delete]),
        Binding([.char("L")], "L", "link the selected mark to the same lesion on the other view (CC ↔ MLO)", section: "Marks", [.link]),
        Binding([.char("u"), .char("U"), .control("r")], "u U Ctrl-R", "undo / redo", section: "Marks", [.undo, .redo, .redo]),
        Binding([.char("V")], "V", "review: every annotator's marks and their agreement (IoU)", section: "Review", [.review]),
        Binding([.char("g")], "g", "review: accept / withdraw the selected mark as ground truth", section: "Review", [.accept]),
        Binding([.char("w"), .char("W"), .char("c"), .char("C")], "w W c C", "window width - / +, centre - / +", section: "Window",
                [.reading(.narrowWindow), .reading(.widenWindow), .reading(.lowerCenter), .reading(.raiseCenter)]),
        Binding([.char("r"), .char("i")], "r i", "reset window / invert", section: "Window", [.reading(.resetWindow), .reading(.invert)]),
        Binding([.char("]"), .char("[")], "] [", "next / previous study", section: "Screen", [.reading(.nextStudy), .reading(.previousStudy)]),
        Binding([.escape], "Esc", "cancel the shape being drawn, else deselect", section: "Screen", [.cancel]),
        Binding([.char("q")], "q", "leave annotation mode", section: "Screen", [.leave]),
        Binding([.char("?")], "?", "this help", section: "Screen", [.reading(.help)]),
        Binding([.control("c")], "Ctrl-C", "quit mammoterm", section: "Screen", [.reading(.quit)]),
    ]

    public static func command(for key: Key) -> AnnotationCommand? { bindings.command(for: key) }

    /// Help sections in keymap order, then the label form's keys and the mouse.
    public static var helpSections: [HelpOverlay.Section] {
        bindings.helpSections() + [
            HelpOverlay.Section("Label form", [
                KeyHint("↑ ↓ Tab", "field"), KeyHint("← → Space", "change the value"), KeyHint("typing", "the note"),
                KeyHint("Enter", "save"), KeyHint("Esc", "close without changing"),
            ]),
            HelpOverlay.Section("Measure (m, no mark selected)", [
                KeyHint("m Enter", "set the first, then the second point: the distance in mm"), KeyHint("Esc", "cancel / clear"),
            ]),
            HelpOverlay.Section("Mouse", [
                KeyHint("click", "cursor there and place"), KeyHint("drag", "a box or ellipse"), KeyHint("wheel", "zoom"),
            ]),
        ]
    }

    public static let statusHints: [KeyHint] = [
        KeyHint("?", "help"), KeyHint("q", "leave"), KeyHint("b e p .", "tool"), KeyHint("Space", "place"),
        KeyHint("Tab", "select"), KeyHint("m s x", "move size delete"), KeyHint("L", "link"), KeyHint("u", "undo"), KeyHint("V", "review"),
    ]
}
