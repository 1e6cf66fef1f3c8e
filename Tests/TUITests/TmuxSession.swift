// A program in a detached tmux of fixed size, driven like a person would: send keys, read the
// screen (as text, or with colour escapes), resize the window. For the end-to-end tests.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class TmuxSession {
    let socket: String
    let name = "e2e"

    /// Starts `command` (a shell command line) in a new tmux server on its own socket.
    init(command: String, width: Int, height: Int, environment: [String: String] = [:]) throws {
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("tui-e2e-\(UUID().uuidString.prefix(8))").path
        var args = ["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
                    "-e", "TERM=tmux-256color", "-e", "LANG=C.UTF-8", "-e", "SWIFT_BACKTRACE=enable=no"]
        for (k, v) in environment { args += ["-e", "\(k)=\(v)"] }
        args.append(command)
        let result = try Self.tmux(socket: socket, args)
        if result.status != 0 { throw TmuxError(message: "tmux new-session failed: \(result.output)") }
    }

    deinit {
        _ = try? Self.tmux(socket: socket, ["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    struct TmuxError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static var isAvailable: Bool {
        (try? tmux(socket: "/dev/null", ["-V"]).status == 0) ?? false
    }

    /// Runs tmux and returns its status and output. Spawned by hand rather than with Process:
    /// (1) the tmux server that `new-session` forks keeps the child's stdout open, so output goes
    /// to a file, not a pipe that would never reach end-of-file; (2) the child gets an empty
    /// signal mask, as from a login shell, instead of the mask of the test's worker thread
    /// (libdispatch blocks SIGINT, SIGTERM, SIGHUP, SIGWINCH...), which every process in the
    /// tmux pane would inherit.
    @discardableResult
    static func tmux(socket: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["TMUX"] = nil
        let argv = ["/usr/bin/env", "tmux", "-S", socket] + args
        let envp = env.map { "\($0.key)=\($0.value)" }
        var cArgv: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnvp: [UnsafeMutablePointer<CChar>?] = envp.map { strdup($0) } + [nil]
        defer { (cArgv + cEnvp).forEach { free($0) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, &cArgv, &cEnvp)
        guard spawned == 0 else { throw TmuxError(message: "cannot start tmux (error \(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        // Exit status from the wait status: WIFEXITED ? WEXITSTATUS : 128 + signal.
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (code, output)
    }

    @discardableResult
    func run(_ args: [String]) throws -> String {
        let result = try Self.tmux(socket: socket, args)
        if result.status != 0 { throw TmuxError(message: "tmux \(args.joined(separator: " ")): \(result.output)") }
        return result.output
    }

    /// `tmux send-keys`: key names ("j", "Enter", "C-c") or, with `literal`, text typed as is.
    func send(_ keys: String..., literal: Bool = false) throws {
        try run(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    /// The screen as text lines (with colour escapes when `escapes`).
    func capture(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []))
    }

    /// A tmux format for the pane ("#{alternate_on}").
    func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Polls the screen until `condition` holds; returns the screen, or throws after `timeout`.
    @discardableResult
    func waitUntil(_ what: String, timeout: Duration = .seconds(60), _ condition: (String) -> Bool) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var screen = ""
        while clock.now < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TmuxError(message: "gave up waiting for \(what); screen:\n\(screen)")
    }

    /// Polls the screen until `pattern` (a regular expression) appears; returns the screen, or
    /// throws with the last screen after `timeout`.
    @discardableResult
    func waitFor(_ pattern: String, escapes: Bool = false, timeout: Duration = .seconds(60)) async throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var screen = ""
        while clock.now < deadline {
            screen = try capture(escapes: escapes)
            if regex.firstMatch(in: screen, range: NSRange(screen.startIndex..., in: screen)) != nil { return screen }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TmuxError(message: "gave up waiting for /\(pattern)/; screen:\n\(screen)")
    }
}
