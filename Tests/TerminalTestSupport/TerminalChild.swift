// A child process for the terminal and end-to-end tests, started with posix_spawn rather than Foundation's
// Process, for two reasons seen here: Process hands the child one end of a socket pair and
// waits for it to close, so a child that leaves a daemon behind (`tmux new-session` starts the
// tmux server) never "exits"; and a child inherits the spawning thread's signal mask, which
// on a test worker thread blocks SIGTERM and SIGHUP, so tmux kill-server, xterm's hangup of
// its shell and `kill` would do nothing. Here the mask is cleared, dispositions reset, and
// every descriptor above stderr closed.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public final class TerminalChild {
    public let pid: pid_t
    private var status: Int32?

    /// Starts `tool` (a name on PATH or a path) with stdin from /dev/null and stdout / stderr
    /// to files (nil: /dev/null). `environment` nil keeps this process's environment.
    public init(_ tool: String, _ arguments: [String], environment: [String: String]? = nil,
         stdout: String? = nil, stderr: String? = nil) throws {
        guard let path = TerminalTools.find(tool) else {
            throw TerminalTestError("\(tool) not found (Debian: \(TerminalTools.packages))")
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Nothing else is inherited: a daemon (the tmux server, Xvfb) holding the test
        // runner's pipes would keep it waiting after the tests end.
        guard Self.closeFrom(&actions, 3) == 0 else { throw TerminalTestError("posix_spawn_file_actions_addclosefrom_np is missing (glibc 2.34+)") }

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child = pid_t()
        let rc = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw TerminalTestError("cannot start \(path): \(String(cString: strerror(rc)))") }
        pid = child
    }

    deinit {
        if status == nil { kill(); _ = wait() }
    }

    /// The exit status once exited (a signal shows as 128 + its number), else nil. Never blocks.
    public var exitStatus: Int32? {
        if status == nil { reap(WNOHANG) }
        return status
    }

    public var isRunning: Bool { exitStatus == nil }

    /// Blocks until the child exits; its status.
    public func wait() -> Int32 {
        while status == nil { reap(0) }
        return status ?? -1
    }

    /// Waits up to `timeout`; the status, or nil when it is still running.
    public func wait(timeout: TimeInterval) -> Int32? {
        _ = TerminalTools.poll(timeout: timeout, interval: 0.02) { exitStatus != nil }
        return exitStatus
    }

    /// SIGKILL by default: it cannot be caught, blocked or ignored.
    public func kill(_ signal: Int32 = SIGKILL) {
        if status == nil { _ = Glibc.kill(pid, signal) }
    }

    /// SIGTERM, so a server cleans up after itself (Xvfb removes its socket, xterm hangs up
    /// its shell), then SIGKILL if it is still there after `grace`.
    public func stop(grace: TimeInterval = 3) {
        guard status == nil else { return }
        kill(SIGTERM)
        if wait(timeout: grace) == nil { kill(); _ = wait() }
    }

    /// glibc's posix_spawn_file_actions_addclosefrom_np (2.34+), which Swift's Glibc module
    /// does not export: looked up at run time (nil is RTLD_DEFAULT).
    private static func closeFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ fd: Int32) -> Int32 {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return -1 }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)(actions, fd)
    }

    private func reap(_ options: Int32) {
        var raw: Int32 = 0
        let result = waitpid(pid, &raw, options)
        if result == pid {
            let signal = raw & 0x7F
            status = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
        } else if result < 0 && errno != EINTR {
            status = -1  // ECHILD: reaped elsewhere; nothing more to learn
        }
    }
}
