// The latest window of each stratum as Prometheus gauges (text exposition through swift-prometheus), for a
// scrape or a node_exporter textfile: mammoterm_monitor_psi{stratum="site=A"} 0.03, ... Figures that could
// not be computed are left out rather than written as NaN.
import Prometheus

extension MonitorReport {
    /// Gauges per stratum for its latest window: _psi _ks _ks_p _wasserstein _ai_positive_rate _estimated_auc
    /// _window_exams, and _alarm{statistic=...} 1/0 for every alarm test the window applied
    /// ("score:psi", "input:p50:ks", "chart:aiPositiveRate").
    public func prometheusText() -> String {
        let registry = PrometheusCollectorRegistry()
        var latest: [String: MonitorWindow] = [:]
        for window in windows where (latest[window.stratum]?.start ?? "") < window.start { latest[window.stratum] = window }
        let gauges: [(String, String, (MonitorWindow) -> Double?)] = [
            ("psi", "Population stability index of the AI score against the reference (latest window)", { $0.psi }),
            ("ks", "Kolmogorov-Smirnov statistic of the AI score against the reference (latest window)", { $0.ks }),
            ("ks_p", "Kolmogorov-Smirnov p-value of the AI score against the reference (latest window)", { $0.ksP }),
            ("wasserstein", "Wasserstein distance of the AI score from the reference (latest window)", { $0.wasserstein }),
            ("ai_positive_rate", "Share of exams the AI called positive (latest window)", { $0.aiPositiveRate }),
            ("estimated_auc", "Label-free (CBPE) estimate of the ROC AUC (latest window)", { $0.estimatedAUC }),
            ("window_exams", "Units (exams, or views) in the latest window", { Double($0.n) }),
        ]
        for stratum in latest.keys.sorted() {
            guard let window = latest[stratum] else { continue }
            for (suffix, help, value) in gauges {
                guard let number = MonitorNumber.finite(value(window)) else { continue }
                registry.makeGauge(descriptor: Self.descriptor(suffix, help), labels: [("stratum", stratum)]).set(number)
            }
            for (statistic, alarmed) in window.alarmStates(configuration) {
                registry.makeGauge(descriptor: Self.descriptor("alarm", "1 when the statistic crossed its alarm limit in the latest window, else 0"),
                                   labels: [("stratum", stratum), ("statistic", statistic)])
                    .set(alarmed ? 1.0 : 0.0)
            }
        }
        return registry.emitToString()
    }

    /// mammoterm_monitor_<name>, unitless (the figures are ratios, statistics and counts).
    private static func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "mammoterm", subsystem: "monitor", metricName: name, unitName: "", helpText: help)
    }
}

extension MonitorWindow {
    /// Every alarm test the window applied, named as the Prometheus label has it, and whether it fired.
    func alarmStates(_ configuration: MonitorConfiguration) -> [(String, Bool)] {
        let fired = Set(alarms.map { alarm -> String in
            alarm.kind == .chart ? "chart:\(alarm.subject)" : "\(alarm.subject):\(alarm.statistic)"
        })
        var names = configuration.scoreAlarmStatistics.map { "score:\($0.rawValue)" }
        names += inputs.map { "input:\($0.variable):\(configuration.inputAlarmStatistic.rawValue)" }
        names += controlCharts.map { "chart:\($0.rate)" }
        return names.map { ($0, fired.contains($0)) }
    }
}
