// Helpers for the hardening tests (damaged libraries, the chain anchor, full and read-only disks,
// SIGKILL): the built binary run to completion or started to be killed, SQLite's own
// integrity_check on a library, a small tmpfs mounted for a test (root only), and the pid of the
// mammoterm a tmux pane's shell started.
import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
import TerminalTestSupport
#endif

enum Hardening {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var all: String { stdout + stderr }
    }

    /// The environment the binary runs in: no library from the caller's environment.
    static func environment(_ folder: URL) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["MAMMOTERM_LIBRARY"] = nil
        env["XDG_DATA_HOME"] = folder.appendingPathComponent("xdg").path
        env["XDG_CONFIG_HOME"] = folder.appendingPathComponent("config").path
        env["LANG"] = "C.UTF-8"
        return env
    }

    /// Runs mammoterm to completion in `folder` (stdout and stderr through files there).
    static func run(_ arguments: [String], in folder: URL) throws -> Output {
        let result = try TerminalTools.run(try TerminalTools.mammoterm(), arguments, environment: environment(folder))
        return Output(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self), stderr: result.stderr)
    }

    /// Starts mammoterm (to be killed); stdout and stderr to files in `folder`.
    static func start(_ arguments: [String], in folder: URL, label: String) throws -> TerminalChild {
        try TerminalChild(try TerminalTools.mammoterm(), arguments, environment: environment(folder),
                          stdout: folder.appendingPathComponent("\(label).out").path,
                          stderr: folder.appendingPathComponent("\(label).err").path)
    }

    /// SQLite's `PRAGMA integrity_check` on the library (after a kill: the WAL is recovered
    /// first, as any next process would); ["ok"] when sound.
    static func integrityCheck(_ library: String) throws -> [String] {
        let queue = try DatabaseQueue(path: library)
        return try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
    }

    /// One number from the library (a count), read by a connection of this process.
    static func count(_ library: String, _ sql: String) throws -> Int {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: library, configuration: configuration)
        return try queue.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    /// The processes whose parent is `pid` (from /proc).
    static func children(of pid: pid_t) -> [pid_t] {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { pid_t($0) }
    }

    /// The mammoterm process under a tmux pane (the pane's shell starts it).
    static func mammotermPID(in tmux: TmuxSession) throws -> pid_t? {
        guard let shell = pid_t(try tmux.display("#{pane_pid}")) else { return nil }
        for child in children(of: shell) {
            let command = (try? String(contentsOfFile: "/proc/\(child)/comm", encoding: .utf8)) ?? ""
            if command.hasPrefix("mammoterm") { return child }
        }
        return nil
    }

    /// What the pane shows now, for failure messages.
    static func screen(_ tmux: TmuxSession) -> String { ((try? tmux.lines()) ?? []).joined(separator: "\n") }

    /// `text` contains every one of `parts`.
    static func mentions(_ text: String, _ parts: String...) -> Bool { parts.allSatisfy(text.contains) }
}

/// A small tmpfs mounted for one test (root only: `mount` needs CAP_SYS_ADMIN); nil elsewhere.
final class ScratchMount {
    let url: URL
    private var mounted = true

    init?(megabytes: Int) {
        guard getuid() == 0, let folder = try? TerminalTools.scratchFolder("mnt") else { return nil }
        url = folder
        guard let result = try? TerminalTools.run("mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", folder.path]),
              result.status == 0 else {
            try? FileManager.default.removeItem(at: folder)
            return nil
        }
    }

    /// Remounts read-only (`true`) or read-write.
    func setReadOnly(_ readOnly: Bool) throws {
        let result = try TerminalTools.run("mount", ["-o", "remount,\(readOnly ? "ro" : "rw")", url.path])
        guard result.status == 0 else { throw TerminalTestError("remount failed: \(result.stderr)") }
    }

    /// Fills the file system (a file of zeros until ENOSPC); returns the filler's path.
    @discardableResult
    func fill() throws -> String {
        let filler = url.appendingPathComponent("filler").path
        _ = try TerminalTools.run("dd", ["if=/dev/zero", "of=\(filler)", "bs=4k"])
        var space = statvfs()
        guard statvfs(url.path, &space) == 0, space.f_bavail == 0 else { throw TerminalTestError("the tmpfs did not fill") }
        return filler
    }

    func free() { try? FileManager.default.removeItem(atPath: url.appendingPathComponent("filler").path) }

    deinit {
        guard mounted else { return }
        mounted = false
        _ = try? TerminalTools.run("mount", ["-o", "remount,rw", url.path])
        _ = try? TerminalTools.run("umount", ["-l", url.path])
        try? FileManager.default.removeItem(at: url)
    }

    /// Whether a test needing one can run here; under `make test` as root it must.
    static var available: Bool { getuid() == 0 }
}
