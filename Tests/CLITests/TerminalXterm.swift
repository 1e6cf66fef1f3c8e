// A real sixel terminal for tests: xterm in VT340 mode with 256 colour registers on a private
// Xvfb display (PLATFORM.md, "Seeing what a person sees"), running a shell script, and
// screenshots of what it shows.
import Foundation
import TerminalTestSupport

final class TerminalXterm {
    let folder: URL
    let display: String
    private let server: TerminalChild
    private var terminal: TerminalChild?
    private var closed = false

    /// Starts Xvfb on a free display (it picks one and reports it: -displayfd) and waits for it.
    init(screenWidth: Int = 1280, screenHeight: Int = 800) throws {
        let folder = try TerminalTools.scratchFolder("xterm")
        self.folder = folder
        let number = folder.appendingPathComponent("display").path
        let server = try TerminalChild("Xvfb", ["-displayfd", "1", "-screen", "0", "\(screenWidth)x\(screenHeight)x24", "-nolisten", "tcp"],
                                       stdout: number, stderr: folder.appendingPathComponent("xvfb.log").path)
        self.server = server
        var found: String?
        let ready = TerminalTools.poll(timeout: 15, interval: 0.05) {
            guard server.isRunning else { return true }
            let text = (try? String(contentsOfFile: number, encoding: .utf8)) ?? ""
            guard text.hasSuffix("\n"), let n = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return false }
            found = ":\(n)"
            return true
        }
        guard ready, let found, server.isRunning else {
            let log = (try? String(contentsOf: folder.appendingPathComponent("xvfb.log"), encoding: .utf8)) ?? ""
            server.kill()
            try? FileManager.default.removeItem(at: folder)
            throw TerminalTestError("Xvfb did not start: \(log.suffix(600))")
        }
        display = found
    }

    deinit { close() }

    /// Runs `script` (bash) in an xterm of `columns` x `rows` cells at the screen's top left, in
    /// the repository root with LANG=C.UTF-8 and TERM=xterm-256color.
    func start(columns: Int, rows: Int, script: String) throws {
        let file = folder.appendingPathComponent("run.sh")
        let prologue = """
            export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color XDG_DATA_HOME=\(TerminalTools.shellQuoted(folder.appendingPathComponent("xdg").path))
            unset COLORTERM NO_COLOR TMUX TMUX_PANE MAMMOTERM_LIBRARY SSH_CONNECTION SSH_CLIENT SSH_TTY
            cd \(TerminalTools.shellQuoted(TerminalTools.repositoryRoot.path)) || exit 1

            """
        try (prologue + script).write(to: file, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["DISPLAY"] = display
        terminal = try TerminalChild("xterm", [
            "-ti", "vt340", "-xrm", "XTerm*decTerminalID: vt340", "-xrm", "XTerm*numColorRegisters: 256",
            "-xrm", "XTerm*sixelScrolling: true", "-geometry", "\(columns)x\(rows)+0+0", "-fn", "fixed",
            "-e", "bash", file.path,
        ], environment: environment, stderr: folder.appendingPathComponent("xterm.log").path)
    }

    /// Whether xterm is still up (it exits at once when, say, the font is missing).
    var terminalLog: String {
        (try? String(contentsOf: folder.appendingPathComponent("xterm.log"), encoding: .utf8)) ?? ""
    }
    var terminalRunning: Bool { terminal?.isRunning ?? false }

    /// The whole screen, as xwd sees the root window.
    func screenshot() throws -> TerminalRGBImage {
        let xwd = folder.appendingPathComponent("shot.xwd").path, png = folder.appendingPathComponent("shot.png").path
        var environment = ProcessInfo.processInfo.environment
        environment["DISPLAY"] = display
        let grab = try TerminalChild("xwd", ["-root", "-silent", "-out", xwd], environment: environment).wait()
        guard grab == 0 else { throw TerminalTestError("xwd failed (\(grab)) on \(display)") }
        // Through PNG: ImageMagick 6.9 reads xwd, and PNG is what a person can open afterwards.
        try TerminalRGBImage.convert([xwd, png])
        return try TerminalRGBImage(png: png)
    }

    /// Stops xterm and Xvfb and removes the folder, unless `keep` (to look at after a failure).
    func close(keep: Bool = false) {
        guard !closed else { return }
        closed = true
        terminal?.stop()
        server.stop()
        if !keep { try? FileManager.default.removeItem(at: folder) }
    }
}
