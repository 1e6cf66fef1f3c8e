// Turning what curses reads into events: its KEY_* codes into `Key`s, and mouse reports into
// `MouseEvent`s. Pure functions of the codes, tested without a terminal.
import CNcurses

enum NcursesInput {
    /// A curses function-key code (get_wch returned KEY_CODE_YES); nil for codes we ignore.
    static func key(forKeyCode code: Int32) -> Key? {
        let f0 = mt_key_f0()
        if code > f0 && code <= f0 + 63 {
            // Terminals send Shift-F1..F12 as F13..F24: kept as such, keymaps may use them.
            return .function(Int(code - f0))
        }
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        default: return nil
        }
    }

    /// A mouse report: `state` is MEVENT.bstate. `held` is the button we saw pressed last,
    /// because motion reports do not always say which button is down.
    static func mouse(state: mmask_t, x: Int32, y: Int32, held: MouseEvent.Button?) -> MouseEvent? {
        var modifiers: MouseEvent.Modifiers = []
        if state & mt_button_shift() != 0 { modifiers.insert(.shift) }
        if state & mt_button_ctrl() != 0 { modifiers.insert(.control) }
        if state & mt_button_alt() != 0 { modifiers.insert(.alt) }
        let position = Point(x: Int(x), y: Int(y))
        let buttons: [(Int32, MouseEvent.Button)] = [(1, .left), (2, .middle), (3, .right)]
        if state & mt_report_mouse_position() != 0 {
            let pressed = buttons.first { state & mt_button_pressed($0.0) != 0 }?.1
            return MouseEvent(.move(pressed ?? held), at: position, modifiers: modifiers)
        }
        if state & mt_button_pressed(4) != 0 { return MouseEvent(.wheelUp, at: position, modifiers: modifiers) }
        if state & mt_button_pressed(5) != 0 { return MouseEvent(.wheelDown, at: position, modifiers: modifiers) }
        for (n, button) in buttons {
            if state & mt_button_pressed(n) != 0 { return MouseEvent(.press(button), at: position, modifiers: modifiers) }
            if state & mt_button_released(n) != 0 { return MouseEvent(.release(button), at: position, modifiers: modifiers) }
            // Clicks come only if someone sets mouseinterval above 0: treat as a press.
            if state & mt_button_clicked(n) != 0 { return MouseEvent(.press(button), at: position, modifiers: modifiers) }
        }
        return nil
    }
}
