// What a monitor run found: every stratum-window, sorted by stratum then start, and which alarms are active.
import Foundation

public struct MonitorReport: Sendable, Hashable, Codable {
    public var configuration: MonitorConfiguration
    public var windows: [MonitorWindow]

    public init(configuration: MonitorConfiguration, windows: [MonitorWindow]) {
        self.configuration = configuration
        self.windows = windows
    }

    public struct ActiveAlarm: Sendable, Hashable, Codable {
        public var stratum: String
        public var start: String
        public var alarm: MonitorAlarm
    }

    /// The alarms of the latest window of each stratum: what is wrong now, not what was wrong in March and
    /// has recovered. A chart still out of limits there is among them (its EWMA carries the history), even
    /// when that last window is too small to raise alarms of its own, so a chart alarm stays active until the
    /// rate comes back. `monitor --check` exits 1 when this is not empty.
    public var activeAlarms: [ActiveAlarm] {
        var latest: [String: MonitorWindow] = [:]
        for window in windows where (latest[window.stratum]?.start ?? "") < window.start { latest[window.stratum] = window }
        return latest.keys.sorted().flatMap { stratum -> [ActiveAlarm] in
            guard let window = latest[stratum] else { return [] }
            var active = window.alarms.map { ActiveAlarm(stratum: stratum, start: window.start, alarm: $0) }
            // A window too small to raise alarms keeps a chart that is still out of control active.
            for chart in window.controlCharts where chart.outOfControl && !window.alarmsEligible
                && !window.alarms.contains(where: { $0.kind == .chart && $0.subject == chart.rate }) {
                let limit = chart.ewma > chart.upper ? chart.upper : chart.lower
                active.append(ActiveAlarm(stratum: stratum, start: window.start,
                                          alarm: MonitorAlarm(kind: .chart, subject: chart.rate, statistic: "ewma", value: chart.ewma, limit: limit)))
            }
            return active
        }
    }

    public var hasActiveAlarms: Bool { !activeAlarms.isEmpty }

    /// Pretty, sorted-key JSON (every non-finite figure already null).
    public func jsonData() throws(MonitorError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { return try encoder.encode(self) } catch {
            throw MonitorError(context: "monitor report", reason: "could not encode JSON: \(error)")
        }
    }
}
