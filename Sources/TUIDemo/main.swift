// TUIDemo: a worklist table on the ncurses backend, for trying the TUI toolkit by hand and for
// the tmux end-to-end test. `TUIDemo [--rows N] [--mouse off|buttons|drag|all]
// [--picture none|sixel|braille]`; writes its pid to $TUI_DEMO_PIDFILE (so a test can signal it);
// plays the keys in $TUI_DEMO_KEYS first (see ScriptedKeys).
#if canImport(Glibc)
import Glibc
#endif
import MammoCore
import TermGraphics
import TUI

/// One line on standard error (write(2): Swift 6 will not touch C's `stderr` global).
func complain(_ message: String) {
    let line = Array("TUIDemo: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

var rowCount = 10_000
var mouse = NcursesBackend.MouseReporting.drag
var picture = DemoPicture.none
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--rows":
        guard let value = arguments.popFirst().flatMap(Int.init), value >= 0 else {
            complain("--rows needs a count")
            exit(2)
        }
        rowCount = value
    case "--mouse":
        switch arguments.popFirst() {
        case "off": mouse = .off
        case "buttons": mouse = .buttons
        case "drag": mouse = .drag
        case "all": mouse = .all
        default:
            complain("--mouse off|buttons|drag|all")
            exit(2)
        }
    case "--picture":
        guard let value = arguments.popFirst().flatMap(DemoPicture.init(rawValue:)) else {
            complain("--picture none|sixel|braille")
            exit(2)
        }
        picture = value
    default:
        complain("usage: TUIDemo [--rows N] [--mouse off|buttons|drag|all] [--picture none|sixel|braille]")
        exit(2)
    }
}

if let pidFile = getenv("TUI_DEMO_PIDFILE").map({ String(cString: $0) }), let f = fopen(pidFile, "w") {
    fputs("\(getpid())\n", f)
    fclose(f)
}

let backend: NcursesBackend
do {
    backend = try NcursesBackend(options: .init(mouse: mouse))
} catch {
    complain("\(error)")
    exit(1)
}

var initial = DemoState(size: backend.size, rowCount: rowCount)
initial.picture = picture
if let window = TerminalProbe.windowSize(of: STDOUT_FILENO), window.pixelWidth > 0, window.columns > 0, window.rows > 0 {
    initial.cellPixels = PixelSize(width: window.pixelWidth / window.columns, height: window.pixelHeight / window.rows)
}

let app = App<DemoState, DemoAction>(
    initialState: initial,
    actionForEvent: { event, _ in .event(event) },
    reduce: DemoScreen.reduce,
    draw: DemoScreen.draw,
    isFinished: { $0.done })

let keys = getenv("TUI_DEMO_KEYS").map { String(cString: $0) } ?? ""
do {
    let final = try app.run(on: keys.isEmpty ? backend : ScriptedKeys(backend, keys: keys))
    backend.shutdown()
    print("TUIDemo: done, \(final.status)")
} catch {
    backend.shutdown()
    complain("\(error)")
    exit(1)
}
