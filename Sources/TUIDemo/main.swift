// tui-demo: a worklist table on the ncurses backend, for trying the TUI toolkit by hand and for
// the tmux end-to-end test. `TUIDemo [--rows N] [--mouse off|buttons|drag|all]`; writes its pid
// to $TUI_DEMO_PIDFILE when set (so a test can signal it).
#if canImport(Glibc)
import Glibc
#endif
import TUI

/// One line on standard error (write(2): Swift 6 will not touch C's `stderr` global).
func complain(_ message: String) {
    let line = Array("TUIDemo: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

var rowCount = 10_000
var mouse = NcursesBackend.MouseReporting.drag
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
    default:
        complain("usage: TUIDemo [--rows N] [--mouse off|buttons|drag|all]")
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

let app = App<DemoState, DemoAction>(
    initialState: DemoState(size: backend.size, rowCount: rowCount),
    actionForEvent: { event, _ in .event(event) },
    reduce: DemoScreen.reduce,
    draw: DemoScreen.draw,
    isFinished: { $0.done })

do {
    let final = try app.run(on: backend)
    backend.shutdown()
    print("TUIDemo: done, \(final.status)")
} catch {
    backend.shutdown()
    complain("\(error)")
    exit(1)
}
