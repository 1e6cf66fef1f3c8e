// What the terminal and end-to-end tests run besides the program under test (tmux, Xvfb, xterm,
// ImageMagick), found on PATH; the products built beside the test bundle; and one way to run a
// tool to completion. Missing tools skip a test with a note, or fail it under `make test`
// (MAMMOTERM_REQUIRE_TESTDATA=1), which installs them.
import Foundation
import Testing

public enum TerminalTools {
    /// Debian packages that hold the tools, for the failure and skip messages.
    public static let packages = "tmux xvfb xterm x11-apps xfonts-base imagemagick bsdutils"

    /// `make test` installs every tool, so there a missing one is a failure, not a skip.
    public static var required: Bool { ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_TESTDATA"] == "1" }

    /// ImageMagick by full path: a `convert` earlier on PATH can be another program (or a
    /// newer ImageMagick without the sixel reader).
    public static let convert = "/usr/bin/convert"

    public static func find(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public static func missing(_ names: [String]) -> [String] { names.filter { find($0) == nil } }

    public static var tmuxTools: [String] { ["tmux"] }
    public static var xtermTools: [String] { ["Xvfb", "xterm", "xwd", "script", convert] }

    /// The test runs when its tools are there, or when they are required (and then fails in
    /// its first line if they are not: see `expectTools`).
    public static func runnable(_ names: [String]) -> Bool { required || missing(names).isEmpty }

    public static func skipNote(_ names: [String]) -> Comment {
        Comment(rawValue: "needs \(names.joined(separator: ", ")) (Debian: \(packages))")
    }

    /// The repository root (samples/ lives there), from this file's place in Tests/TerminalTestSupport.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// An executable product built beside this test bundle (`mammoterm`, `TUIDemo`), or the path
    /// in the `override` environment variable; nil when neither is there.
    public static func builtProduct(_ name: String, override: String) -> String? {
        if let path = ProcessInfo.processInfo.environment[override] { return path }
        var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// The `mammoterm` binary built beside this test bundle, or MAMMOTERM_BIN.
    public static func mammoterm() throws -> String {
        guard let path = builtProduct("mammoterm", override: "MAMMOTERM_BIN") else {
            throw TerminalTestError("mammoterm binary not found beside the test bundle; build it or set MAMMOTERM_BIN")
        }
        return path
    }

    public struct Result: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: String
        /// Both streams as text, stdout first: for messages and checks that do not care which.
        public var output: String { String(decoding: stdout, as: UTF8.self) + stderr }
    }

    /// Runs a tool (a name on PATH or a path) to completion; stdout and stderr go through files,
    /// stdin is /dev/null (so the tool has no terminal).
    @discardableResult
    public static func run(_ tool: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let folder = try scratchFolder("run")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out").path, err = folder.appendingPathComponent("err").path
        let child = try TerminalChild(tool, arguments, environment: environment, stdout: out, stderr: err)
        let status = child.wait()
        return Result(status: status, stdout: (try? Data(contentsOf: URL(fileURLWithPath: out))) ?? Data(),
                      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    /// Polls `condition` every `interval` until it holds or `timeout` passes; true when it held.
    /// The only way these tests wait for a terminal: never a bare sleep.
    public static func poll(timeout: TimeInterval, interval: TimeInterval = 0.1, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if try condition() { return true }
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: interval)
        }
    }

    /// A fresh scratch folder under /tmp (short: tmux socket paths must stay under 108 bytes).
    public static func scratchFolder(_ label: String) throws -> URL {
        let url = URL(fileURLWithPath: "/tmp").appendingPathComponent("mt-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `value` quoted for a POSIX shell.
    public static func shellQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
