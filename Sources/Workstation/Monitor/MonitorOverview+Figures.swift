// What the monitor screen and its PNG read from a window and a stratum beyond the stored fields:
// which figure an alarm is about, the window's label for the worklist, whether a stratum is alarmed.
import Foundation

extension MonitorPoint {
    /// Whether this window has an alarm about `figure`; an alarm that names none of the charted
    /// figures (the recall rate, a count) marks them all, so no alarm goes unmarked.
    public func isAlarmed(for figure: MonitorFigure) -> Bool {
        alarms.contains { alarm in
            figure.isNamed(in: alarm) || !MonitorFigure.allCases.contains { $0.isNamed(in: alarm) }
        }
    }

    /// "week of 2026-02-16" for a seven-day window, else "2026-02-01 to 2026-02-28".
    public var windowLabel: String {
        let format = DateFormatter()
        format.dateFormat = "yyyy-MM-dd"
        format.timeZone = TimeZone(identifier: "UTC")
        format.locale = Locale(identifier: "en_US_POSIX")
        if start == end { return start }
        if let a = format.date(from: start), let b = format.date(from: end), Int((b.timeIntervalSince(a) / 86_400).rounded()) == 6 {
            return "week of \(start)"
        }
        return "\(start) to \(end)"
    }
}

extension MonitorOverview {
    /// Every window's start date over all strata, oldest first: the charts' shared time axis, so
    /// a stratum missing a week (no exams there) keeps its other weeks under the same columns.
    public var windowStarts: [String] { Array(Set(series.flatMap { $0.points.map(\.start) })).sorted() }
}

extension MonitorSeries {
    /// Each window's place on the shared axis `starts` (its position in it; its own index when absent).
    public func axisPositions(on starts: [String]) -> [Int] {
        let place = Dictionary(starts.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return points.enumerated().map { index, point in place[point.start] ?? index }
    }

    /// The figure's values on the shared axis: nil where this stratum has no window.
    public func values(of figure: MonitorFigure, on starts: [String]) -> [Double?] {
        var out = [Double?](repeating: nil, count: max(starts.count, points.count))
        for (point, position) in zip(points, axisPositions(on: starts)) where position < out.count { out[position] = figure.value(point) }
        return out
    }

    /// Whether the latest window is alarmed: the stratum is highlighted.
    public var isAlarmed: Bool { points.last?.alarms.isEmpty == false }
}
