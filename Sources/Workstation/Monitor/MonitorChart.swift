// A braille sparkline (2 x 4 dots per cell) of one figure over a stratum's windows, one or two
// text rows high, for the monitor screen. Pure: values in, lines of text out; it also says which
// cell column each window falls in, so the screen can mark alarms and the selection under it.
// (Study's BraillePlot runs over 0…1 in both axes for ROC curves; windows need integer columns.)

public struct MonitorChart: Sendable, Equatable {
    /// Cells across and text rows high.
    public let width: Int
    public let rows: Int

    public init(width: Int, rows: Int) {
        self.width = max(width, 1)
        self.rows = max(rows, 1)
    }

    var dotWidth: Int { width * 2 }
    var dotHeight: Int { rows * 4 }

    /// The dot column of window `index` of `count`: the windows spread over the whole width.
    func dotColumn(ofWindow index: Int, count: Int) -> Int {
        guard count > 1 else { return dotWidth / 2 }
        let i = min(max(index, 0), count - 1)
        return Int((Double(i) * Double(dotWidth - 1) / Double(count - 1)).rounded())
    }

    /// The cell column (0..<width) window `index` of `count` is drawn in.
    public func column(ofWindow index: Int, count: Int) -> Int { dotColumn(ofWindow: index, count: count) / 2 }

    /// The sparkline of `values` (oldest first) scaled to `range`, top row first; consecutive
    /// values are joined, a nil (a window too small) leaves a gap, an empty cell is a space.
    public func lines(_ values: [Double?], range: ClosedRange<Double>) -> [String] {
        var dots = Array(repeating: Array(repeating: false, count: dotWidth), count: dotHeight)
        let span = range.upperBound - range.lowerBound
        func dotRow(_ v: Double) -> Int {
            let t = span > 0 ? (min(max(v, range.lowerBound), range.upperBound) - range.lowerBound) / span : 0.5
            return dotHeight - 1 - Int((t * Double(dotHeight - 1)).rounded())
        }
        var previous: (x: Int, y: Int)?
        for (index, value) in values.enumerated() {
            guard let value, value.isFinite else { previous = nil; continue }
            let here = (x: dotColumn(ofWindow: index, count: values.count), y: dotRow(value))
            if let from = previous {
                // Dots along the segment, as many steps as its longer side has dots.
                let steps = max(abs(here.x - from.x), abs(here.y - from.y), 1)
                for step in 0...steps {
                    let x = from.x + (here.x - from.x) * step / steps, y = from.y + (here.y - from.y) * step / steps
                    dots[y][x] = true
                }
            } else {
                dots[here.y][here.x] = true
            }
            previous = here
        }
        // Bit of dot (column dx, row dy) within a cell, ISO/TR 11548-1.
        let bits: [[UInt32]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
        return (0..<rows).map { row in
            String(String.UnicodeScalarView((0..<width).map { column in
                var code: UInt32 = 0
                for dy in 0..<4 { for dx in 0..<2 where dots[row * 4 + dy][column * 2 + dx] { code |= bits[dy][dx] } }
                return code == 0 ? " " : Unicode.Scalar(0x2800 + code) ?? " "
            }))
        }
    }
}
