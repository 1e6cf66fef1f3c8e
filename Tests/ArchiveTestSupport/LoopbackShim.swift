// For tests that start mammoterm's own listeners as child processes (pacs listen, the C-MOVE
// Storage SCP): DCMTK 3.6.7 binds every interface, so they run with the loopback shim preloaded.
// The shim also clears the signal mask at load: a child that Foundation's Process starts from a Swift
// Testing test (a libdispatch worker thread) inherits that thread's mask with SIGTERM blocked, so
// without it `terminate()` does nothing and only SIGKILL ends the child. With
// LOOPBACK_BIND_EXIT_WITH_PARENT=1 in its environment the child also ends when the test process is gone.
public enum LoopbackShim {
    /// The compiled shim (LD_PRELOAD value).
    public static func path() throws -> String { try PeerSupport.loopbackShim() }

    /// True when something accepts TCP connections on 127.0.0.1:`port`.
    public static func accepts(port: Int) -> Bool { PeerSupport.accepts(port: port) }
}
