// The TUI module's one error type: what went wrong with the terminal, in words a user can act on.

public enum TUIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The terminal could not be set up (no tty, unknown TERM, no UTF-8 locale).
    case terminalUnavailable(String)
    /// The input ended (a closed tty, or a test script that ran out of events).
    case inputClosed
    /// Writing to the terminal failed.
    case writeFailed(errno: Int32, context: String)

    public var description: String {
        switch self {
        case .terminalUnavailable(let why): return "cannot use this terminal: \(why)"
        case .inputClosed: return "terminal input closed"
        case .writeFailed(let errno, let context): return "writing to the terminal failed (\(context), errno \(errno))"
        }
    }
}
