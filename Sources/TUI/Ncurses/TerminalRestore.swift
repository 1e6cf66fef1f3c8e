// Arms and disarms the C handlers that give the terminal back on SIGINT, SIGTERM, SIGHUP and
// crashes (see shim.h). The only Swift file that calls them, because their state lives in
// C statics, one copy per object file that uses them.
import CNcurses

enum TerminalRestore {
    static func install() { mt_install_signal_restore() }
    static func uninstall() { mt_uninstall_signal_restore() }
}
