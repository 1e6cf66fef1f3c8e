// The monitor screen's state (M on the worklist): the overview once it is computed off the UI
// loop (or why it could not be), and which stratum and window the reader has selected.

public struct MonitorScreenState: Equatable, Sendable {
    /// nil while the overview is being computed.
    public var overview: MonitorOverview?
    public var failure: String?
    /// Index into `overview.series`.
    public private(set) var stratum = 0
    /// Index into the selected series' points; kept across strata (clamped to each one's windows),
    /// so moving between strata compares the same week.
    public private(set) var window = 0

    public init(overview: MonitorOverview? = nil) {
        if let overview { show(overview) }
    }

    /// Shows a (new) overview: the first time on the first stratum's latest window; when it is
    /// computed again, on the same stratum (by name) and window where they still exist.
    public mutating func show(_ next: MonitorOverview) {
        let keptName = overview.flatMap { $0.series.indices.contains(stratum) ? $0.series[stratum].stratum : nil }
        let hadOverview = overview != nil
        overview = next
        failure = nil
        if hadOverview, let keptName, let index = next.series.firstIndex(where: { $0.stratum == keptName }) {
            stratum = index
            window = min(window, max(next.series[index].points.count - 1, 0))
        } else {
            stratum = 0
            window = max((next.series.first?.points.count ?? 1) - 1, 0)
        }
    }

    public var selectedSeries: MonitorSeries? {
        guard let overview, overview.series.indices.contains(stratum) else { return nil }
        return overview.series[stratum]
    }

    /// The selected window's index within `series` (the kept index, clamped to its windows).
    public func windowIndex(in series: MonitorSeries) -> Int? {
        series.points.isEmpty ? nil : min(window, series.points.count - 1)
    }

    public var selectedPoint: MonitorPoint? {
        guard let series = selectedSeries, let index = windowIndex(in: series) else { return nil }
        return series.points[index]
    }

    /// j / k: another stratum, clamped at the ends.
    public mutating func moveStratum(by delta: Int) {
        guard let count = overview?.series.count, count > 0 else { return }
        stratum = min(max(stratum + delta, 0), count - 1)
    }

    /// h / l: an earlier or later window of the selected stratum, clamped at the ends.
    public mutating func moveWindow(by delta: Int) {
        guard let series = selectedSeries, let index = windowIndex(in: series) else { return }
        window = min(max(index + delta, 0), series.points.count - 1)
    }

    /// Home / End on the window axis: the oldest or the latest window.
    public mutating func moveWindow(toLatest latest: Bool) {
        guard let series = selectedSeries, !series.points.isEmpty else { return }
        window = latest ? series.points.count - 1 : 0
    }
}
