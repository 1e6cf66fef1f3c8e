// For tests that start another server without a listen-address option (e.g. DCMTK's storescp):
// run it with `LoopbackBind.environment()` and every bind() it makes goes to 127.0.0.1 / ::1.
//
// The same shim also clears the inherited signal mask. Any child started with Foundation's Process
// from a Swift Testing test (a libdispatch worker thread) inherits that thread's mask, SIGTERM
// blocked: `process.terminate()` then does nothing and the child lives until SIGKILL. Start servers
// with this environment, or use `LoopbackBind.terminate(_:)`, which falls back to SIGKILL.
import Foundation

public enum LoopbackBind {
    /// The compiled scripts/loopback-bind.c (built on first use into .build/test-support).
    public static func libraryPath() throws -> String { try PeerSupport.loopbackShim() }

    /// This process's environment plus LD_PRELOAD of the shim; with `exitWithParent` the child also
    /// ends itself when the test process is gone.
    public static func environment(exitWithParent: Bool = true,
                                   base: [String: String] = ProcessInfo.processInfo.environment) throws -> [String: String] {
        var environment = base
        let library = try libraryPath()
        environment["LD_PRELOAD"] = [library, base["LD_PRELOAD"]].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ":")
        if exitWithParent { environment["LOOPBACK_BIND_EXIT_WITH_PARENT"] = "1" }
        return environment
    }

    /// SIGTERM, wait up to `grace` seconds, then SIGKILL; returns when the process is gone.
    public static func terminate(_ process: Process, grace: TimeInterval = 10) {
        PeerSupport.terminate(process, grace: grace)
    }
}
