// For tests that start mammoterm's own listeners as child processes (pacs listen, the C-MOVE
// Storage SCP): DCMTK 3.6.7 binds every interface, so they run with the loopback shim preloaded.
public enum LoopbackShim {
    /// The compiled shim (LD_PRELOAD value).
    public static func path() throws -> String { try PeerSupport.loopbackShim() }

    /// True when something accepts TCP connections on 127.0.0.1:`port`.
    public static func accepts(port: Int) -> Bool { PeerSupport.accepts(port: port) }
}
