// The four figures the monitor charts per stratum (score drift, input drift, AI-positive rate,
// estimated AUC): how each is read from a window, printed, scaled, and which alarms are about it.
// Shared by the screen's braille sparklines and `monitor --png`, so both show the same thing.
import Foundation

public enum MonitorFigure: CaseIterable, Hashable, Sendable {
    case scoreDrift, inputDrift, aiPositiveRate, estimatedAUC

    public var title: String {
        switch self {
        case .scoreDrift: "score drift"
        case .inputDrift: "input drift"
        case .aiPositiveRate: "AI+ rate"
        case .estimatedAUC: "est. AUC"
        }
    }

    public func value(_ point: MonitorPoint) -> Double? {
        let v: Double? = switch self {
        case .scoreDrift: point.scoreDrift
        case .inputDrift: point.inputDrift
        case .aiPositiveRate: point.aiPositiveRate
        case .estimatedAUC: point.estimatedAUC
        }
        return v.flatMap { $0.isFinite ? $0 : nil }
    }

    /// Four columns at most: "0.61", "14%", "0.83", "—" for a window too small to compute it.
    public func format(_ value: Double?) -> String {
        guard let value else { return "—" }
        switch self {
        case .aiPositiveRate: return "\(Int((value * 100).rounded()))%"
        default: return String(format: "%.2f", value)
        }
    }

    /// Whether an alarm line speaks of this figure ("score KS 0.61 > limit 0.42").
    func isNamed(in alarm: String) -> Bool {
        let text = alarm.lowercased()
        return switch self {
        case .scoreDrift: text.contains("score")
        case .inputDrift: text.contains("input")
        case .aiPositiveRate: text.contains("positive") || text.contains("ai+")
        case .estimatedAUC: text.contains("auc")
        }
    }

    /// The value range every stratum's chart of this figure shares, so a drifting site stands
    /// higher than the stable ones: drift and rates from 0, the AUC around its values; never
    /// narrower than 0.1 so noise is not blown up into a trend.
    public func range(in overview: MonitorOverview) -> ClosedRange<Double> {
        let values = overview.series.flatMap { $0.points.compactMap(value) }
        let minimumSpan = 0.1
        switch self {
        case .estimatedAUC:
            guard let lo = values.min(), let hi = values.max() else { return 0.5...1 }
            let centre = (lo + hi) / 2, half = max((hi - lo) / 2, minimumSpan / 2)
            return max(centre - half, 0)...min(centre + half, 1)
        default:
            return 0...max(values.max() ?? 0, minimumSpan)
        }
    }
}
