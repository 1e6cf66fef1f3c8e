// A program in a detached tmux of fixed size on its own socket, driven like a person would:
// send keys, poll the screen for expected text, resize the window. For the end-to-end test.
import Foundation

final class TmuxDriver {
    let socket: String
    let name = "ws"

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    init(command: String, width: Int, height: Int, environment: [String: String] = [:]) throws {
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("ws-e2e-\(UUID().uuidString.prefix(8))").path
        var args = ["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
                    "-e", "TERM=tmux-256color", "-e", "LANG=C.UTF-8", "-e", "SWIFT_BACKTRACE=enable=no"]
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        args.append(command)
        let result = try Self.tmux(socket: socket, args)
        if result.status != 0 { throw Failure(message: "tmux new-session failed: \(result.output)") }
    }

    deinit {
        _ = try? Self.tmux(socket: socket, ["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    static var isAvailable: Bool { SpawnedProcess.find("tmux") != nil }

    @discardableResult
    static func tmux(socket: String, _ args: [String]) throws -> (status: Int32, output: String) {
        guard let tmux = SpawnedProcess.find("tmux") else { throw Failure(message: "tmux is not installed") }
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["TMUX"] = nil
        // Colour and the picture's tones are part of what is checked.
        env["NO_COLOR"] = nil
        return try SpawnedProcess.run([tmux, "-S", socket] + args, environment: env)
    }

    @discardableResult
    func run(_ args: [String]) throws -> String {
        let result = try Self.tmux(socket: socket, args)
        if result.status != 0 { throw Failure(message: "tmux \(args.joined(separator: " ")): \(result.output)") }
        return result.output
    }

    /// Key names ("j", "Enter", "C-c"), or with `literal` text typed as is.
    func send(_ keys: String..., literal: Bool = false) throws {
        try run(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    /// Several key names in one send-keys (typed in order).
    func send(contentsOf keys: [String]) throws {
        try run(["send-keys", "-t", name] + keys)
    }

    func capture() throws -> String { try run(["capture-pane", "-p", "-t", name]) }

    func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Polls until every one of `texts` is on screen; returns the screen, or throws with the
    /// last screen after `timeout` (generous: the whole suite shares two cores in parallel, and a
    /// pass returns as soon as the text is there).
    @discardableResult
    func waitFor(_ texts: String..., timeout: Duration = .seconds(60)) async throws -> String {
        try await waitUntil("\(texts)", timeout: timeout) { screen in texts.allSatisfy(screen.contains) }
    }

    /// Polls until `done` holds for the screen.
    @discardableResult
    func waitUntil(_ what: String, timeout: Duration = .seconds(60), _ done: (String) -> Bool) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var screen = ""
        while clock.now < deadline {
            screen = try capture()
            if done(screen) { return screen }
            try await Task.sleep(for: .milliseconds(40))
        }
        throw Failure(message: "gave up waiting for \(what); screen:\n\(screen)")
    }
}
