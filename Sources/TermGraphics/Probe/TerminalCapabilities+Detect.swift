// Capabilities of the terminal this process runs in: one probe plus the environment.

extension TerminalCapabilities {
    /// Probes the terminal (when stdin and stdout are terminals) and reads the environment.
    /// Returns the capabilities and the probe itself (its unconsumed input belongs to the UI).
    public static func detect(environment: [String: String], timeoutMilliseconds: Int = 300) -> (TerminalCapabilities, ProbeResult) {
        let probe = TerminalProbe.run(timeoutMilliseconds: timeoutMilliseconds)
        var caps = TerminalCapabilities(environment: environment, replies: probe.replies, windowSize: probe.windowSize)
        caps.probeSkipped = probe.skipped
        return (caps, probe)
    }
}
