// A program in a detached tmux of fixed size on its own socket, driven like a person would: send
// keys, read the screen (text, or text with SGR colours), poll for what should appear, resize
// the window. The one tmux harness of the TUI, workstation and command-line tests.
import Foundation

public final class TmuxSession {
    public let folder: URL
    public let socket: String
    public let name = "mt"
    /// The tmux client's environment: no outer tmux, a UTF-8 locale so braille survives capture,
    /// and nothing of the caller's that would change what the program under test shows.
    private let environment: [String: String]
    private var closed = false

    /// Starts `command` (a shell command line) in a `width` x `height` pane with TERM=`term`,
    /// LANG=C.UTF-8 and `environment` set in the pane.
    public init(command: String, width: Int, height: Int, term: String = "tmux-256color",
                environment extra: [String: String] = [:]) throws {
        folder = try TerminalTools.scratchFolder("tmux")
        socket = folder.appendingPathComponent("sock").path
        var env = ProcessInfo.processInfo.environment
        for key in ["TMUX", "TMUX_PANE", "COLORTERM", "NO_COLOR", "MAMMOTERM_LIBRARY", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"] {
            env[key] = nil
        }
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        environment = env
        var arguments = ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
                         "-e", "TERM=\(term)", "-e", "LANG=C.UTF-8", "-e", "SWIFT_BACKTRACE=enable=no"]
        for (key, value) in extra.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append(command)
        do {
            try run(arguments)
        } catch {
            close()
            throw error
        }
    }

    /// Starts `command` (argv) from the repository root, the way a person's shell would, with its
    /// data folder (XDG_DATA_HOME) in the session's own folder. The pane stays open after the
    /// command exits (a trailing sleep) so its last screen can be read, and the command's exit
    /// status is kept for `exitStatus`.
    public convenience init(columns: Int, rows: Int, term: String = "tmux-256color", extra: [String: String] = [:],
                            command: [String]) throws {
        let scratch = try TerminalTools.scratchFolder("pane")
        let status = scratch.appendingPathComponent("status").path
        let line = "cd \(TerminalTools.shellQuoted(TerminalTools.repositoryRoot.path)) && "
            + command.map(TerminalTools.shellQuoted).joined(separator: " ")
            + "; echo $? > \(TerminalTools.shellQuoted(status)); exec sleep 300"
        var pane = ["XDG_DATA_HOME": scratch.appendingPathComponent("xdg").path]
        pane.merge(extra) { _, given in given }
        try self.init(command: line, width: columns, height: rows, term: term, environment: pane)
        statusFile = status
        scratchFolders.append(scratch)
    }

    /// Where the argv form's shell writes the command's exit status.
    private var statusFile: String?
    private var scratchFolders: [URL] = []

    deinit { close() }

    public static var isAvailable: Bool { TerminalTools.find("tmux") != nil }

    /// Runs a tmux command against this session's server; its stdout, or a failure with its stderr.
    @discardableResult
    public func run(_ arguments: [String]) throws -> String {
        let result = try TerminalTools.run("tmux", ["-S", socket, "-f", "/dev/null"] + arguments, environment: environment)
        guard result.status == 0 else {
            throw TerminalTestError("tmux \(arguments.first ?? "") failed (\(result.status)): \(result.stderr)")
        }
        return String(decoding: result.stdout, as: UTF8.self)
    }

    /// Key names ("j", "Enter", "C-c"), or with `literal` text typed as is.
    public func send(_ keys: String..., literal: Bool = false) throws { try send(keys, literal: literal) }

    /// Several keys in one send-keys (typed in order).
    public func send(_ keys: [String], literal: Bool = false) throws {
        try run(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    /// The screen as text (with SGR colour escapes when `escapes`).
    public func capture(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []))
    }

    /// The screen plus up to `history` lines scrolled off above it, one string per line.
    /// `escapes` keeps SGR colour sequences; `joined` undoes wrapping (-J).
    public func lines(escapes: Bool = false, joined: Bool = false, history: Int = 100) throws -> [String] {
        var arguments = ["capture-pane", "-p", "-t", name, "-S", "-\(history)"]
        if escapes { arguments.append("-e") }
        if joined { arguments.append("-J") }
        return try run(arguments).components(separatedBy: "\n")
    }

    /// A tmux format for the pane ("#{alternate_on}").
    public func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Polls until every one of `texts` is on screen; the screen, or a failure with the last
    /// screen after `timeout` (generous: the suite shares two cores, and a pass returns as soon
    /// as the text is there).
    @discardableResult
    public func waitFor(_ texts: String..., timeout: Duration = .seconds(60)) async throws -> String {
        try await waitUntil("\(texts)", timeout: timeout) { screen in texts.allSatisfy(screen.contains) }
    }

    /// Polls until `pattern` (a regular expression) matches the screen (with colour escapes
    /// when `escapes`).
    @discardableResult
    public func waitFor(pattern: String, escapes: Bool = false, timeout: Duration = .seconds(60)) async throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        return try await waitUntil("/\(pattern)/", escapes: escapes, timeout: timeout) { screen in
            regex.firstMatch(in: screen, range: NSRange(screen.startIndex..., in: screen)) != nil
        }
    }

    /// Polls until `done` holds for the screen.
    @discardableResult
    public func waitUntil(_ what: String, escapes: Bool = false, timeout: Duration = .seconds(60),
                          _ done: (String) -> Bool) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var screen = ""
        while clock.now < deadline {
            screen = try capture(escapes: escapes)
            if done(screen) { return screen }
            try await Task.sleep(for: .milliseconds(40))
        }
        throw TerminalTestError("gave up waiting for \(what); screen:\n\(screen)")
    }

    /// Polls the screen and its history until a line contains `text`, without blocking on
    /// async (for synchronous tests); the lines then, or nil after `timeout`.
    public func waitForLine(containing text: String, timeout: TimeInterval = 60) throws -> [String]? {
        var screen: [String] = []
        let appeared = try TerminalTools.poll(timeout: timeout) {
            screen = try lines()
            return screen.contains { $0.contains(text) }
        }
        return appeared ? screen : nil
    }

    /// The argv form's command exit status once it has exited (nil before, and for a shell line).
    public var exitStatus: Int32? {
        guard let statusFile, let text = try? String(contentsOfFile: statusFile, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Stops the tmux server and removes the session's folders; the deinit does it too.
    public func close() {
        guard !closed else { return }
        closed = true
        _ = try? TerminalTools.run("tmux", ["-S", socket, "kill-server"], environment: environment)
        for url in [folder] + scratchFolders { try? FileManager.default.removeItem(at: url) }
    }
}
