// A line plot in braille characters (2 x 4 dots per cell) for text reports: ROC curves in the
// terminal. Pure: points in, lines of text out.

public struct BraillePlot: Sendable {
    public let columns: Int
    public let rows: Int
    /// One bit per dot, [row][column] in dots: rows * 4 by columns * 2.
    private var dots: [[Bool]]

    /// A plot `columns` x `rows` characters wide and high; x and y run over 0...1.
    public init(columns: Int, rows: Int) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        dots = Array(repeating: Array(repeating: false, count: self.columns * 2), count: self.rows * 4)
    }

    var dotWidth: Int { columns * 2 }
    var dotHeight: Int { rows * 4 }

    /// Sets the dot nearest (x, y), y up; points outside 0...1 are clamped.
    public mutating func point(x: Double, y: Double) {
        let px = Int((min(max(x, 0), 1) * Double(dotWidth - 1)).rounded())
        let py = dotHeight - 1 - Int((min(max(y, 0), 1) * Double(dotHeight - 1)).rounded())
        dots[py][px] = true
    }

    /// Draws straight segments between consecutive points.
    public mutating func line(_ points: [(x: Double, y: Double)]) {
        guard let first = points.first else { return }
        point(x: first.x, y: first.y)
        for (a, b) in zip(points, points.dropFirst()) {
            let steps = max(1, Int((max(abs(b.x - a.x) * Double(dotWidth), abs(b.y - a.y) * Double(dotHeight))).rounded(.up)) * 2)
            for step in 0...steps {
                let t = Double(step) / Double(steps)
                point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)
            }
        }
    }

    /// The plot as `rows` lines of braille characters (U+2800 + dot bits).
    public func lines() -> [String] {
        // Bit of dot (column dx, row dy) within a cell, ISO/TR 11548-1.
        let bits: [[UInt32]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
        return (0..<rows).map { row in
            String(String.UnicodeScalarView((0..<columns).map { column in
                var code: UInt32 = 0x2800
                for dy in 0..<4 { for dx in 0..<2 where dots[row * 4 + dy][column * 2 + dx] { code |= bits[dy][dx] } }
                return Unicode.Scalar(code) ?? " "
            }))
        }
    }

    /// An ROC curve (false-positive rate across, true-positive rate up) with the chance diagonal
    /// dotted, a frame and axis labels.
    public static func roc(_ curve: ROCCurve, title: String, columns: Int = 24, rows: Int = 10) -> [String] {
        var plot = BraillePlot(columns: columns, rows: rows)
        for step in stride(from: 0.0, through: 1.0, by: 0.08) { plot.point(x: step, y: step) }
        plot.line(curve.points.map { ($0.falsePositiveRate, $0.truePositiveRate) })
        let body = plot.lines()
        var out = [title]
        for (index, line) in body.enumerated() {
            let label = index == 0 ? "1.0" : (index == body.count - 1 ? "0.0" : "   ")
            out.append("\(label) │\(line)")
        }
        out.append("    └" + String(repeating: "─", count: columns))
        out.append("     0" + String(repeating: " ", count: max(0, columns - 11)) + "FPR    1")
        return out
    }
}
