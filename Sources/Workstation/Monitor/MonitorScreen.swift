// Drawing the monitor screen (M on the worklist): per stratum a row of braille sparklines (score
// drift, input drift, AI+ rate, estimated AUC) with their latest values, alarmed windows marked
// under them, the selected window's column highlighted, and a panel with that window's detail.
// A function of state only; the overview is computed off the UI loop (MonitorOverview.compute).
import MammoCore
import TUI

public enum MonitorScreen {
    public static let hints: [KeyHint] = [
        KeyHint("j k ↑ ↓", "stratum"), KeyHint("h l ← →", "window"), KeyHint("Home End", "oldest / latest window"),
        KeyHint("Enter", "the window's studies on the worklist"), KeyHint("q Esc", "worklist"),
    ]

    public static var helpSections: [HelpOverlay.Section] {
        [HelpOverlay.Section("Monitor", hints + [KeyHint("?", "this help")])]
    }

    static let statusHints: [KeyHint] = [
        KeyHint("?", "help"), KeyHint("j k", "stratum"), KeyHint("h l", "window"), KeyHint("Enter", "studies"), KeyHint("q", "worklist"),
    ]

    public static let computingText = "Computing the monitor (bootstrap alarm limits)…"

    /// Where the parts go on a screen of `size`: the strata above, the selected window's detail below.
    public struct Layout: Equatable, Sendable {
        public var title: Rect
        public var strata: Rect
        public var detail: Rect
        public var status: Rect
        /// Both panels' place: one panel while the overview is being computed.
        public var body: Rect

        public init(_ size: Size) {
            let rows = Rect(size: size).rows([.fixed(1), .fill, .fixed(1)])
            // A fixed detail height per size, so the charts do not jump as the selection moves.
            let detailHeight = min(max(6, rows[1].height * 2 / 5), 14)
            let body = rows[1].rows([.fill, .fixed(detailHeight)])
            title = rows[0]; strata = body[0]; detail = body[1]; status = rows[2]; self.body = rows[1]
        }
    }

    /// The columns of one stratum's line inside the strata panel.
    struct Columns {
        var name: Rect
        var exams: Rect
        var charts: [Rect]
        /// Cells of each sparkline (the rest of a chart's width is its latest value).
        var sparkWidth: Int

        static let valueWidth = 4

        init(_ inner: Rect) {
            let nameWidth = inner.width >= 150 ? 26 : (inner.width >= 100 ? 20 : 14)
            let parts = inner.columns([.fixed(2), .fixed(nameWidth), .fixed(6), .fill], spacing: 0)
            name = parts[1]
            exams = parts[2].inset(by: Insets(right: 1))
            charts = parts[3].columns(Array(repeating: .fill, count: MonitorFigure.allCases.count), spacing: 1)
            sparkWidth = max((charts.map(\.width).min() ?? 0) - Self.valueWidth - 2, 1)
        }
    }

    /// Text rows per sparkline and strata shown at once, for `count` strata in the panel's inside:
    /// two rows high when every stratum fits that way, else one.
    static func blockShape(count: Int, inner: Rect) -> (sparkRows: Int, visible: Int) {
        let room = max(inner.height - 1, 0)
        if room / 3 >= count { return (2, count) }
        return (1, max(room / 2, 1))
    }

    public static func draw(_ state: WorkstationState, into buffer: inout CellBuffer) {
        let style = state.settings.style
        let l = Layout(buffer.size)
        TitleBar("mammoterm · Monitor", style: style).render(into: &buffer, in: l.title)
        let monitor = state.monitor ?? MonitorScreenState()
        StatusBar(message: state.message, hints: statusHints, style: style.statusBar).render(into: &buffer, in: l.status)
        guard let overview = monitor.overview else {
            Panel(title: "Monitor", focused: true, style: style.panel).render(into: &buffer, in: l.body)
            let inner = l.body.inset(by: 1)
            if let failure = monitor.failure {
                buffer.write(failure, in: inner.row(inner.height / 2), alignment: .center, style: style.error)
            } else {
                buffer.write(computingText, in: inner.row(inner.height / 2), alignment: .center, style: style.dim)
            }
            return
        }
        Panel(title: PrintableText.clean(overview.title), focused: true, style: style.panel).render(into: &buffer, in: l.strata)
        drawStrata(overview, monitor, style: style, in: l.strata.inset(by: 1), into: &buffer)
        drawDetail(monitor, style: style, in: l.detail, into: &buffer)
        if let failure = monitor.failure {
            // A recomputation failed: the last overview stays, the reason on the status line.
            StatusBar(message: failure, hints: statusHints, style: style.statusBar).render(into: &buffer, in: l.status)
        }
    }

    static func drawStrata(_ overview: MonitorOverview, _ monitor: MonitorScreenState, style: ScreenStyle, in inner: Rect,
                           into buffer: inout CellBuffer) {
        guard !inner.isEmpty else { return }
        if overview.series.isEmpty {
            buffer.write("No strata to show", in: inner.row(inner.height / 2), alignment: .center, style: style.dim)
            return
        }
        let columns = Columns(inner)
        let figures = MonitorFigure.allCases
        let ranges = figures.map { $0.range(in: overview) }
        let starts = overview.windowStarts
        // The header: what each column is, with the scale its charts share.
        let header = inner.row(0)
        buffer.write("Stratum", in: columns.name.intersection(header), style: style.accent)
        buffer.write("n", in: columns.exams.intersection(header), alignment: .right, style: style.accent)
        for (i, figure) in figures.enumerated() {
            let range = ranges[i]
            let scale = "\(figure.format(range.lowerBound))–\(figure.format(range.upperBound))"
            let full = "\(figure.title) \(scale)"
            // The shared scale where it fits beside the title (wide screens), the title alone otherwise.
            let text = full.terminalWidth <= columns.charts[i].width ? full : figure.title
            buffer.write(text, in: columns.charts[i].intersection(header), style: style.accent)
        }
        let (sparkRows, visible) = blockShape(count: overview.series.count, inner: inner)
        let blockHeight = sparkRows + 1
        let top = min(max(monitor.stratum - visible + 1, 0), max(overview.series.count - visible, 0))
        for (row, index) in (top..<min(top + visible, overview.series.count)).enumerated() {
            let y = inner.y + 1 + row * blockHeight
            guard y + blockHeight <= inner.maxY else { break }
            drawBlock(overview.series[index], selected: index == monitor.stratum, window: monitor.windowIndex(in: overview.series[index]),
                      starts: starts, ranges: ranges, sparkRows: sparkRows, columns: columns, y: y, style: style, clip: inner, into: &buffer)
        }
        // Notes under the strata where there is room; a scroll hint where strata are hidden.
        var y = inner.y + 1 + min(visible, overview.series.count) * blockHeight
        if overview.series.count > visible, y < inner.maxY {
            buffer.write("strata \(top + 1)–\(min(top + visible, overview.series.count)) of \(overview.series.count) (j k)",
                         in: Rect(x: inner.x + 2, y: y, width: inner.width - 2, height: 1), style: style.dim)
            y += 1
        }
        for note in overview.notes where y < inner.maxY {
            buffer.write(PrintableText.keepingSpaces(note), in: Rect(x: inner.x + 2, y: y, width: inner.width - 2, height: 1), style: style.dim)
            y += 1
        }
    }

    /// One stratum: its name and latest n, a sparkline per figure with the latest value, and a
    /// row under them marking alarmed windows (▲) and the selected window (·).
    static func drawBlock(_ series: MonitorSeries, selected: Bool, window: Int?, starts: [String], ranges: [ClosedRange<Double>], sparkRows: Int,
                          columns: Columns, y: Int, style: ScreenStyle, clip: Rect, into buffer: inout CellBuffer) {
        let alarmed = series.isAlarmed
        let nameStyle = alarmed ? style.error : (selected ? style.accent : style.base)
        if selected { buffer.write("▸", at: Point(x: columns.name.x - 2, y: y), style: style.accent, clip: clip) }
        let name = (alarmed ? "▲ " : "") + PrintableText.clean(series.stratum)
        buffer.write(name, in: Rect(x: columns.name.x, y: y, width: columns.name.width - 1, height: 1), style: nameStyle)
        let exams = series.points.last.map { "\($0.exams)" } ?? "—"
        buffer.write(exams, in: Rect(x: columns.exams.x, y: y, width: columns.exams.width, height: 1), alignment: .right, style: nameStyle)
        let chart = MonitorChart(width: columns.sparkWidth, rows: sparkRows)
        // Columns on the time axis all strata share.
        let positions = series.axisPositions(on: starts), count = max(starts.count, series.points.count)
        let markerY = y + sparkRows
        for (i, figure) in MonitorFigure.allCases.enumerated() {
            let area = columns.charts[i].intersection(clip)
            let lines = chart.lines(series.values(of: figure, on: starts), range: ranges[i])
            for (r, line) in lines.enumerated() {
                buffer.write(line, at: Point(x: area.x, y: y + r), style: style.base, clip: area)
            }
            let latest = series.points.last
            let valueStyle = latest?.isAlarmed(for: figure) == true ? style.error : style.base
            buffer.write(figure.format(latest.flatMap(figure.value)), at: Point(x: area.x + chart.width + 1, y: y), style: valueStyle, clip: area)
            guard !series.points.isEmpty else { continue }
            let sparkArea = Rect(x: area.x, y: y, width: min(chart.width, area.width), height: sparkRows)
            if let window {
                let x = area.x + chart.column(ofWindow: positions[window], count: count)
                if selected {
                    // The selected point's column in the selected stratum, as the selection shows it.
                    buffer.setStyle(style.selection, in: Rect(x: x, y: y, width: 1, height: sparkRows).intersection(sparkArea))
                }
                buffer.write("·", at: Point(x: x, y: markerY), style: selected ? style.accent : style.dim, clip: area)
            }
            for (index, point) in series.points.enumerated() where point.isAlarmed(for: figure) {
                buffer.write("▲", at: Point(x: area.x + chart.column(ofWindow: positions[index], count: count), y: markerY),
                             style: style.error, clip: area)
            }
        }
    }

    /// The selected window: stratum, dates and n in the title; its figures, alarms and detail lines.
    static func drawDetail(_ monitor: MonitorScreenState, style: ScreenStyle, in rect: Rect, into buffer: inout CellBuffer) {
        guard let series = monitor.selectedSeries, let index = monitor.windowIndex(in: series) else {
            Panel(title: "Window", focused: false, style: style.panel).render(into: &buffer, in: rect)
            return
        }
        let point = series.points[index]
        let title = "\(PrintableText.clean(series.stratum)) · window \(index + 1) of \(series.points.count) · "
            + "\(PrintableText.clean(point.start)) to \(PrintableText.clean(point.end)) · n \(point.exams)"
        Panel(title: title, focused: false, style: style.panel).render(into: &buffer, in: rect)
        let inner = rect.inset(by: Insets(top: 1, left: 2, bottom: 1, right: 1))
        var lines: [(String, CellStyle)] = []
        var figures = MonitorFigure.allCases.map { "\($0.title) \($0.format($0.value(point)))" }
        if let recall = point.recallRate { figures.append("recall \(MonitorFigure.aiPositiveRate.format(recall))") }
        lines.append((figures.joined(separator: " · "), style.base))
        lines += point.alarms.map { ("▲ " + PrintableText.clean($0), style.error) }
        if point.alarms.isEmpty { lines.append(("no alarm", style.dim)) }
        lines += point.details.map { (PrintableText.keepingSpaces($0), style.base) }
        lines.append((point.studies.isEmpty ? "no studies listed for this window"
                        : "Enter: its \(point.studies.count) stud\(point.studies.count == 1 ? "y" : "ies") on the worklist", style.dim))
        for (i, line) in lines.prefix(inner.height).enumerated() {
            buffer.write(line.0, in: inner.row(i), style: line.1)
        }
    }
}
