// What changed between two frames, as runs of cells per row: backends redraw only these, which
// is what keeps a session over SSH fast.

/// Changed cells `x..<x+length` on row `y`.
public struct CellRun: Hashable, Sendable {
    public var y: Int
    public var x: Int
    public var length: Int
    public init(y: Int, x: Int, length: Int) { self.y = y; self.x = x; self.length = length }
    public var range: Range<Int> { x..<(x + length) }
}

extension CellBuffer {
    /// Runs of cells that differ from `previous`, top to bottom, left to right. A different size
    /// (or no previous frame) means everything changed. A run never starts on a continuation
    /// cell: it is widened to include the wide character that owns it, so a backend always has a
    /// whole character to send.
    public func changes(from previous: CellBuffer?) -> [CellRun] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).filter { _ in width > 0 }.map { CellRun(y: $0, x: 0, length: width) }
        }
        var runs: [CellRun] = []
        for y in 0..<height {
            let row = y * width
            var x = 0
            while x < width {
                if cells[row + x] == previous.cells[row + x] { x += 1; continue }
                var start = x
                if cells[row + start].isContinuation && start > 0 { start -= 1 }
                if let last = runs.last, last.y == y, last.x + last.length >= start {
                    // Touches the previous run (through a widened start): one run.
                    start = last.x
                    runs.removeLast()
                }
                var end = x + 1
                while end < width && cells[row + end] != previous.cells[row + end] { end += 1 }
                // Keep a wide character's continuation with it.
                if end < width && cells[row + end].isContinuation { end += 1 }
                runs.append(CellRun(y: y, x: start, length: end - start))
                x = end
            }
        }
        return runs
    }

    /// Number of cells in `runs`, for tests and statistics.
    public static func cellCount(_ runs: [CellRun]) -> Int { runs.reduce(0) { $0 + $1.length } }
}
