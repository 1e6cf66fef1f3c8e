// `mammoterm monitor --png FILE`: the monitor screen's charts as a picture. Per stratum a band
// with its name and four line charts (score drift, input drift, AI-positive rate, estimated AUC)
// over its windows, with value ticks, the first and last window's dates, and alarmed windows in
// red (red is used for nothing else, so a reader, or a test, finds alarms by colour).
import Foundation
import Imaging
import MammoCore

public enum MonitorChartPNG {
    /// The chart's fixed colours: white paper or a dark screen.
    public struct Palette: Equatable, Sendable {
        public var background: RGBColor
        public var text: RGBColor
        public var axis: RGBColor
        public var grid: RGBColor
        public var line: RGBColor
        public var alarm: RGBColor

        public static let light = Palette(background: RGBColor(grey: 255), text: RGBColor(grey: 20), axis: RGBColor(grey: 90),
                                          grid: RGBColor(grey: 225), line: RGBColor(r: 31, g: 119, b: 180),
                                          alarm: RGBColor(r: 214, g: 39, b: 40))
        public static let dark = Palette(background: RGBColor(r: 24, g: 24, b: 28), text: RGBColor(grey: 230), axis: RGBColor(grey: 150),
                                         grid: RGBColor(grey: 60), line: RGBColor(r: 100, g: 170, b: 240),
                                         alarm: RGBColor(r: 240, g: 60, b: 50))
    }

    static let margin = 12
    static let titleScale = 2

    /// Pixel rows the title takes at the top.
    static var titleHeight: Int { BitmapFont.glyphHeight * titleScale + 2 * margin }

    /// The pixel rows of stratum `index`'s band (of `count`) in a picture `height` high.
    public static func band(_ index: Int, of count: Int, height: Int) -> Range<Int> {
        let room = max(height - titleHeight - margin, count)
        let each = room / max(count, 1)
        let top = titleHeight + index * each
        return top..<(top + each)
    }

    /// The charts of `overview` in a `width` x `height` picture.
    public static func render(_ overview: MonitorOverview, width: Int, height: Int, palette: Palette = .light) -> ColorImage {
        var image = ColorImage(width: max(width, 1), height: max(height, 1), repeating: palette.background)
        text(overview.title, x: margin, y: margin, scale: titleScale, color: palette.text, maxWidth: width - 2 * margin, palette, &image)
        for (index, series) in overview.series.enumerated() {
            drawBand(series, overview: overview, rows: band(index, of: overview.series.count, height: image.height), palette, &image)
        }
        return image
    }

    /// Renders and writes the PNG; a failure names the file.
    public static func write(_ overview: MonitorOverview, to path: String, width: Int = 1400, height: Int? = nil,
                             palette: Palette = .light) throws(WorkstationError) {
        // 180 pixels a stratum unless told otherwise: room for the charts' ticks and dates.
        let height = height ?? titleHeight + margin + max(overview.series.count, 1) * 180
        do {
            try PNGWriter.write(render(overview, width: width, height: height, palette: palette), to: path)
        } catch {
            throw WorkstationError(path: path, reason: error.reason)
        }
    }

    static func drawBand(_ series: MonitorSeries, overview: MonitorOverview, rows: Range<Int>, _ palette: Palette, _ image: inout ColorImage) {
        let scale = rows.count >= 120 ? 2 : 1
        let alarmed = series.isAlarmed
        let name = (alarmed ? "ALARM - " : "") + series.stratum + (series.points.last.map { " - N \($0.exams)" } ?? "")
        text(name, x: margin, y: rows.lowerBound + 4, scale: scale, color: alarmed ? palette.alarm : palette.text,
             maxWidth: image.width - 2 * margin, palette, &image)
        let top = rows.lowerBound + 4 + BitmapFont.glyphHeight * scale + 8
        let figures = MonitorFigure.allCases
        let chartWidth = (image.width - 2 * margin) / figures.count
        for (i, figure) in figures.enumerated() {
            let x = margin + i * chartWidth
            drawChart(series, figure: figure, range: figure.range(in: overview), starts: overview.windowStarts,
                      frame: (x: x, y: top, width: chartWidth - margin, height: rows.upperBound - top - 4), palette, &image)
        }
    }

    /// One line chart: its title, the plot with three value ticks, the windows' ticks below and
    /// the first and last window's start date under them.
    static func drawChart(_ series: MonitorSeries, figure: MonitorFigure, range: ClosedRange<Double>, starts: [String],
                          frame: (x: Int, y: Int, width: Int, height: Int), _ palette: Palette, _ image: inout ColorImage) {
        let font = BitmapFont.glyphHeight
        let title = figure == .aiPositiveRate ? "AI positive rate" : figure.title
        text(title, x: frame.x, y: frame.y, scale: 1, color: palette.text, maxWidth: frame.width, palette, &image)
        let labelWidth = BitmapFont.size(of: "0.00", scale: 1).width + 4
        let plot = (x: frame.x + labelWidth, y: frame.y + font + 6, width: frame.width - labelWidth, height: frame.height - 2 * font - 16)
        guard plot.width > 4, plot.height > 4 else { return }
        let span = range.upperBound - range.lowerBound
        func py(_ v: Double) -> Double {
            let t = span > 0 ? (min(max(v, range.lowerBound), range.upperBound) - range.lowerBound) / span : 0.5
            return Double(plot.y + plot.height - 1) - t * Double(plot.height - 1)
        }
        // The time axis all strata share: a stratum's window goes where its start date is.
        let positions = series.axisPositions(on: starts), count = max(starts.count, series.points.count)
        func px(_ i: Int) -> Double {
            let at = positions.indices.contains(i) ? positions[i] : i
            return count > 1 ? Double(plot.x) + Double(at) * Double(plot.width - 1) / Double(count - 1) : Double(plot.x + plot.width / 2)
        }
        // Value ticks: grid lines and labels at the bottom, middle and top of the shared range.
        for t in [0.0, 0.5, 1.0] {
            let v = range.lowerBound + t * span, y = py(v)
            line(Double(plot.x), y, Double(plot.x + plot.width - 1), y, palette.grid, &image)
            text(String(format: "%.2f", v), x: frame.x, y: Int(y) - font / 2, scale: 1, color: palette.axis, maxWidth: labelWidth, palette, &image)
        }
        let bottom = Double(plot.y + plot.height - 1)
        line(Double(plot.x), Double(plot.y), Double(plot.x), bottom, palette.axis, &image)
        line(Double(plot.x), bottom, Double(plot.x + plot.width - 1), bottom, palette.axis, &image)
        for (i, point) in series.points.enumerated() {
            let alarmed = point.isAlarmed(for: figure)
            line(px(i), bottom + 1, px(i), bottom + (alarmed ? 6 : 3), alarmed ? palette.alarm : palette.axis, &image)
        }
        if let first = starts.first, let last = starts.last {
            text(first, x: plot.x, y: plot.y + plot.height + 8, scale: 1, color: palette.axis, maxWidth: plot.width / 2, palette, &image)
            if count > 1 {
                let w = BitmapFont.size(of: last, scale: 1).width
                if w < plot.width / 2 {
                    text(last, x: plot.x + plot.width - w, y: plot.y + plot.height + 8, scale: 1, color: palette.axis,
                         maxWidth: w, palette, &image)
                }
            }
        }
        // The line, broken where a window has no value, then a mark per window (red if alarmed).
        var previous: (Double, Double)?
        for (i, point) in series.points.enumerated() {
            // A week the stratum lacks breaks the line, as a window too small to compute does.
            let missedAWeek = i > 0 && positions.indices.contains(i) && positions[i] != positions[i - 1] + 1
            guard let v = figure.value(point), !missedAWeek || previous == nil else {
                previous = figure.value(point).map { (px(i), py($0)) }
                continue
            }
            let here = (px(i), py(v))
            if let previous { line(previous.0, previous.1, here.0, here.1, palette.line, &image, thickness: 2) }
            previous = here
        }
        for (i, point) in series.points.enumerated() {
            guard let v = figure.value(point) else { continue }
            let alarmed = point.isAlarmed(for: figure), size = alarmed ? 7 : 3
            OverlayCompositor.fill(x: Int(px(i)) - size / 2, y: Int(py(v)) - size / 2, width: size, height: size,
                                   color: alarmed ? palette.alarm : palette.line, on: &image)
        }
    }

    static func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ color: RGBColor, _ image: inout ColorImage,
                     thickness: Int = 1) {
        OverlayCompositor.drawLine(from: PixelPoint(x: x0, y: y0), to: PixelPoint(x: x1, y: y1), on: &image, color: color,
                                   thickness: thickness)
    }

    /// Text in the bitmap font (upper case, digits, . - /), cut to `maxWidth` pixels; "=" reads
    /// as " - " ("SITE - SITE C"). The rim is the background, so the letters stay thin.
    static func text(_ raw: String, x: Int, y: Int, scale: Int, color: RGBColor, maxWidth: Int, _ palette: Palette,
                     _ image: inout ColorImage) {
        let cleaned = PrintableText.clean(raw).replacingOccurrences(of: "=", with: " - ").uppercased()
        let fits = max((maxWidth + BitmapFont.spacing * max(scale, 1)) / ((BitmapFont.glyphWidth + BitmapFont.spacing) * max(scale, 1)), 0)
        guard fits > 0 else { return }
        OverlayCompositor.drawText(String(cleaned.prefix(fits)), x: x, y: y, scale: scale, color: color, rim: palette.background, on: &image)
    }
}
