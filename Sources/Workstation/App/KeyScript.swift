// The `--script` notation: keys separated by spaces, replayed one by one once the screen has
// settled. A single character is that key; longer words are key names (Enter Esc Tab Space
// Up Down Left Right PgUp PgDn Home End Backspace, C-x for Ctrl-x, F1…) or else typed letter by
// letter; "sleep:MS" pauses. Example: "j j / SYN-0003 Enter 1 + sleep:3000 q q".
import TUI

public enum KeyScript {
    public static func parse(_ text: String) throws(WorkstationError) -> [ScriptStep] {
        var steps: [ScriptStep] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init) {
            if word.hasPrefix("sleep:") {
                guard let ms = Int(word.dropFirst(6)), ms >= 0, ms <= 600_000 else {
                    throw WorkstationError(key: "--script", reason: "\"\(word)\": sleep takes milliseconds, e.g. sleep:500")
                }
                steps.append(.pause(.milliseconds(ms)))
            } else if let key = named(word) {
                steps.append(.event(.key(key)))
            } else {
                steps += word.map { .event(.key(.character($0))) }
            }
        }
        return steps
    }

    static func named(_ word: String) -> Key? {
        if word.count == 1, let c = word.first { return .character(c) }
        switch word.lowercased() {
        case "enter", "return": return .enter
        case "esc", "escape": return .escape
        case "tab": return .tab
        case "space": return .character(" ")
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "pgup", "pageup": return .pageUp
        case "pgdn", "pagedown": return .pageDown
        case "home": return .home
        case "end": return .end
        case "backspace", "bs": return .backspace
        case "btab", "backtab": return .backTab
        case "del", "delete": return .delete
        default: break
        }
        if word.count == 3, word.lowercased().hasPrefix("c-"), let c = word.last, c.isLetter { return .ctrl(c) }
        if word.count >= 2, word.count <= 3, word.first == "F", let n = Int(word.dropFirst()), (1...24).contains(n) { return .function(n) }
        return nil
    }
}
