// A detached tmux of fixed size on its own socket, running one command the way a person's
// shell would, and what its screen shows (text, or text with SGR colours).
import Foundation

final class TerminalTmux {
    let folder: URL
    let socket: String
    let session = "mt"
    private let environment: [String: String]
    private var closed = false

    /// Starts `command` (argv) in a `columns` x `rows` pane with TERM=`term` and `extra`
    /// variables. The pane stays open after the command exits (a trailing sleep) so its last
    /// screen can be read; the command's exit status is written to `status` in `folder`.
    init(columns: Int, rows: Int, term: String = "tmux-256color", extra: [String: String] = [:], command: [String]) throws {
        folder = try TerminalTools.scratchFolder("tmux")
        socket = folder.appendingPathComponent("sock").path
        var env = ProcessInfo.processInfo.environment
        // Not the tmux this test may itself run in, and UTF-8 so braille survives capture.
        for key in ["TMUX", "TMUX_PANE", "COLORTERM", "NO_COLOR", "MAMMOTERM_LIBRARY", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"] {
            env[key] = nil
        }
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env["XDG_DATA_HOME"] = folder.appendingPathComponent("xdg").path
        environment = env
        let status = folder.appendingPathComponent("status").path
        let line = "cd \(TerminalTools.shellQuoted(TerminalTools.repositoryRoot.path)) && "
            + command.map(TerminalTools.shellQuoted).joined(separator: " ")
            + "; echo $? > \(TerminalTools.shellQuoted(status)); exec sleep 300"
        var arguments = ["-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", session,
                         "-x", String(columns), "-y", String(rows), "-e", "TERM=\(term)"]
        for (key, value) in extra.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append(line)
        let result = try TerminalTools.run("tmux", arguments, environment: env)
        guard result.status == 0 else {
            close()
            throw TerminalTestError("tmux new-session failed (\(result.status)): \(result.stderr)")
        }
    }

    deinit { close() }

    /// The screen (plus up to `history` lines scrolled off above it), one string per line.
    /// `escapes` keeps SGR colour sequences (capture-pane -e); `joined` undoes wrapping (-J).
    func capture(escapes: Bool = false, joined: Bool = false, history: Int = 100) throws -> [String] {
        var arguments = ["-S", socket, "capture-pane", "-p", "-t", session, "-S", "-\(history)"]
        if escapes { arguments.append("-e") }
        if joined { arguments.append("-J") }
        let result = try TerminalTools.run("tmux", arguments, environment: environment)
        guard result.status == 0 else { throw TerminalTestError("tmux capture-pane failed: \(result.stderr)") }
        return String(decoding: result.stdout, as: UTF8.self).components(separatedBy: "\n")
    }

    /// Polls the screen until a line contains `text`; the screen then, or nil after `timeout`.
    func waitFor(_ text: String, timeout: TimeInterval = 60) throws -> [String]? {
        var screen: [String] = []
        let appeared = try TerminalTools.poll(timeout: timeout) {
            screen = try capture()
            return screen.contains { $0.contains(text) }
        }
        return appeared ? screen : nil
    }

    /// Types tmux key names ("Enter", "Escape", "q"), or text as it is with `literal`.
    func send(_ keys: [String], literal: Bool = false) throws {
        let result = try TerminalTools.run("tmux", ["-S", socket, "send-keys", "-t", session] + (literal ? ["-l"] : []) + keys,
                                           environment: environment)
        guard result.status == 0 else { throw TerminalTestError("tmux send-keys failed: \(result.stderr)") }
    }

    /// The command's exit status once it has exited.
    var exitStatus: Int32? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("status"), encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func close() {
        guard !closed else { return }
        closed = true
        _ = try? TerminalTools.run("tmux", ["-S", socket, "kill-server"], environment: environment)
        try? FileManager.default.removeItem(at: folder)
    }
}
