// `monitor --serve HOST:PORT`: the report's figures as Prometheus metrics at /metrics, made
// afresh at most every 15 s (a scrape every few seconds must not recompute a million exams each
// time), until Ctrl-C or SIGTERM.
import Foundation
import Monitor

extension MonitorCommand {
    static func serveMetrics(address: String, compute: @escaping @Sendable () throws -> MonitorReport) throws {
        let cache = MetricsCache(compute: compute, freshFor: 15)
        _ = try cache.text()  // a broken library fails here, before anything listens
        let server = try MetricsServer(address: address) { try cache.text() }
        try server.serveUntilSignalled { host, port in
            let shown = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            // Unbuffered, so a script waiting for the line sees it while the server runs.
            FileHandle.standardOutput.write(Data("Serving the monitor's metrics at http://\(shown)/metrics (Ctrl-C stops)\n".utf8))
        }
    }
}

/// The latest metrics text and when it was made; one computation at a time.
final class MetricsCache: @unchecked Sendable {
    private let lock = NSLock()
    private let compute: @Sendable () throws -> MonitorReport
    private let freshFor: TimeInterval
    private var made: (at: Date, text: String)?

    init(compute: @escaping @Sendable () throws -> MonitorReport, freshFor: TimeInterval) {
        self.compute = compute
        self.freshFor = freshFor
    }

    func text() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let made, Date().timeIntervalSince(made.at) < freshFor { return made.text }
        let text = try compute().prometheusText()
        made = (Date(), text)
        return text
    }
}
